package io.inkwell.user;

import java.util.List;
import java.util.UUID;

/**
 * Answer of {@code POST /api/users/bulk}: how many rows were written and skipped, and the
 * ids of the written ones in request order.
 */
record BulkCreateResult(int created, int skipped, List<UUID> ids) {
}
