package io.inkwell.dashboard;

import io.inkwell.dashboard.ConfigCard.ConfigCheck;
import io.inkwell.dashboard.DashboardRepository.ServerSettings;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.security.JwtSecret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationCheckTests {

	@Test
	void flagsAMissingSecretAmberOutsideDevMode() {
		assertThat(ConfigurationCheck.secret(null, false).state()).isEqualTo(CardState.AMBER);
		assertThat(ConfigurationCheck.secret(null, true).state()).isEqualTo(CardState.GREEN);
	}

	// the card applies the rules the server applies at startup (JwtSecret), with its
	// reasons
	@Test
	void flagsAShortSecretRedWithoutShowingIt() {
		ConfigCheck check = ConfigurationCheck.secret("tooShort-9f8e7d6c", false);
		assertThat(check.state()).isEqualTo(CardState.RED);
		assertThat(check.reason()).contains("at least 32 bytes long (it has 17)").doesNotContain("tooShort");
	}

	@Test
	void flagsALongButRepetitiveOrPlaceholderSecretRed() {
		ConfigCheck repeated = ConfigurationCheck.secret("a".repeat(40), false);
		assertThat(repeated.state()).isEqualTo(CardState.RED);
		assertThat(repeated.reason()).contains("one short pattern repeated").doesNotContain("aaaa");
		ConfigCheck placeholder = ConfigurationCheck.secret("please-CHANGEME-before-going-to-production", false);
		assertThat(placeholder.state()).isEqualTo(CardState.RED);
		assertThat(placeholder.reason()).contains("known placeholder").doesNotContain("production");
	}

	@Test
	void agreesWithTheStartupRules() {
		for (String secret : new String[] { "tooShort-9f8e7d6c", "secretsecretsecretsecretsecretsecret",
				"your-256-bit-secret-your-256-bit-secret", "q8Zr1vXk3Lp0Tn7YbW2sHc5Jd9Gf4Ma6",
				"correct horse battery staple and then some more" }) {
			ConfigCheck check = ConfigurationCheck.secret(secret, false);
			assertThat(check.state())
				.isEqualTo(JwtSecret.weakness(secret).isPresent() ? CardState.RED : CardState.GREEN);
			JwtSecret.weakness(secret).ifPresent((reason) -> assertThat(check.reason()).isEqualTo(reason));
		}
	}

	@Test
	void acceptsALongRandomSecret() {
		ConfigCheck check = ConfigurationCheck.secret("q8Zr1vXk3Lp0Tn7YbW2sHc5Jd9Gf4Ma6", false);
		assertThat(check.state()).isEqualTo(CardState.GREEN);
		assertThat(check.reason()).isEqualTo("JWT_SECRET has 32 bytes");
	}

	@Test
	void judgesThePoolAgainstTheServersUsableConnections() {
		ServerSettings server = new ServerSettings(100, 3, 12, "18.4", false, null);
		assertThat(ConfigurationCheck.connections(10, server).state()).isEqualTo(CardState.GREEN);
		assertThat(ConfigurationCheck.connections(10, server).reason()).contains("room for 9 instances");
		assertThat(ConfigurationCheck.connections(60, server).state()).isEqualTo(CardState.AMBER);
		assertThat(ConfigurationCheck.connections(98, server).state()).isEqualTo(CardState.RED);
	}

	@Test
	void knowsPgbouncerModeTurnsThePreparedStatementCacheOff() {
		DatabaseUrl bouncer = DatabaseUrl.parse("postgresql://u:p@db:6432/app?pgbouncer=true");
		DatabaseUrl forgotten = DatabaseUrl.parse("postgresql://u:p@db:6432/app");
		DatabaseUrl direct = DatabaseUrl.parse("postgresql://u:p@db:5432/app");
		assertThat(ConfigurationCheck.pgbouncer(bouncer, 256).state()).isEqualTo(CardState.GREEN);
		assertThat(ConfigurationCheck.pgbouncer(forgotten, 256).state()).isEqualTo(CardState.AMBER);
		assertThat(ConfigurationCheck.pgbouncer(direct, 256).reason()).contains("256");
	}

	@Test
	void wantsTlsToARemoteServer() {
		assertThat(ConfigurationCheck.tls("prefer", "127.0.0.1", false, null).state()).isEqualTo(CardState.GREEN);
		assertThat(ConfigurationCheck.tls("disable", "db.example.com", false, null).state()).isEqualTo(CardState.RED);
		assertThat(ConfigurationCheck.tls("prefer", "db.example.com", true, "TLSv1.3").state())
			.isEqualTo(CardState.AMBER);
		assertThat(ConfigurationCheck.tls("require", "db.example.com", true, "TLSv1.3").state())
			.isEqualTo(CardState.GREEN);
		assertThat(ConfigurationCheck.tls("verify-full", "db.example.com", true, "TLSv1.3").reason())
			.isEqualTo("encrypted with TLSv1.3 (sslmode=verify-full)");
	}

}
