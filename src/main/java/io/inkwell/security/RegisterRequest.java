package io.inkwell.security;

import java.nio.charset.StandardCharsets;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/auth/register}. The password needs at least
 * {@value #MIN_PASSWORD} characters and at most {@value #MAX_PASSWORD_BYTES} UTF-8 bytes
 * (bcrypt reads no further).
 */
record RegisterRequest(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String name,
		@NotNull @Size(min = MIN_PASSWORD, message = "must be at least 12 characters long") String password) {

	static final int MIN_PASSWORD = 12;

	static final int MAX_PASSWORD_BYTES = 72;

	/**
	 * Whether bcrypt would read the whole password (the service refuses it otherwise).
	 */
	boolean passwordFitsBcrypt() {
		return this.password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
	}

	/** Never prints the password (the JSON decoder logs decoded bodies at DEBUG). */
	@Override
	public String toString() {
		return "RegisterRequest[email=" + this.email + ", name=" + this.name + ", password=<hidden>]";
	}

}
