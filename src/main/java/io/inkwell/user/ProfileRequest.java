package io.inkwell.user;

import jakarta.validation.constraints.Size;

/**
 * Profile fields a client may set; {@code null} leaves a field as it is (or empty on
 * create).
 */
record ProfileRequest(@Size(max = 2000) String bio, @Size(max = 2048) String avatar) {
}
