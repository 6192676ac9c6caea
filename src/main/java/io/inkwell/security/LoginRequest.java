package io.inkwell.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/auth/login}. */
record LoginRequest(@NotBlank @Size(max = 320) String email, @NotNull @Size(max = 1000) String password) {

	/** Never prints the password (the JSON decoder logs decoded bodies at DEBUG). */
	@Override
	public String toString() {
		return "LoginRequest[email=" + this.email + ", password=<hidden>]";
	}

}
