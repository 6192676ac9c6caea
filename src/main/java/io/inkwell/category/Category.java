package io.inkwell.category;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code categories}; every column is public, so the row is also the response.
 */
record Category(UUID id, String name, Instant createdAt, Instant updatedAt) {
}
