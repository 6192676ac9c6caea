package io.inkwell.category;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/categories} and {@code PATCH /api/categories/{id}}. The name
 * is stripped before validation, so the limits apply to what is stored.
 */
record CategoryRequest(@NotBlank @Size(max = 100) String name) {

	CategoryRequest {
		name = (name != null) ? name.strip() : null;
	}

}
