package io.inkwell.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An e-mail address from the path, validated with the same rules as in a body. */
record EmailAddress(@NotBlank @Email @Size(max = 320) String email) {
}
