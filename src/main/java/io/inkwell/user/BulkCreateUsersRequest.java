package io.inkwell.user;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/users/bulk}. {@code skipDuplicates} may also come as a query
 * parameter; either one saying {@code true} skips.
 */
record BulkCreateUsersRequest(
		@NotNull @Size(min = 1, max = UserService.MAX_BULK_USERS) List<@Valid BulkUserRequest> users,
		Boolean skipDuplicates) {
}
