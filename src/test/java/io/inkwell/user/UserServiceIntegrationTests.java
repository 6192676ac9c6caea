package io.inkwell.user;

import java.sql.SQLException;

import io.inkwell.security.Role;
import io.inkwell.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class UserServiceIntegrationTests {

	@Autowired
	UserService users;

	@Test
	void rollsBackTheUserWhenItsProfileCannotBeWritten() throws SQLException {
		String email = UserApiIntegrationTests.unique("rollback");
		// bypasses bean validation on purpose: the database's own check on bio fails
		// after the user row is written
		CreateUserRequest request = new CreateUserRequest(email, "Rolled Back", Role.USER,
				new ProfileRequest("x".repeat(2001), null));
		this.users.create(request).as(StepVerifier::create).expectError(DataIntegrityViolationException.class).verify();
		assertThat(UserApiIntegrationTests.countUsers(email)).isZero();
	}

}
