package io.inkwell.ops;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import io.inkwell.InkwellApplication;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.migrate.Migrator;
import io.inkwell.support.Sql;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production mode against a database nobody has migrated yet: the application starts,
 * never migrates, stays not-ready with the pending changesets as the reason, and becomes
 * ready without a restart once the migrate job has run. Own application context: it needs
 * its own database.
 */
class SchemaReadinessIntegrationTests {

	DatabaseUrl database;

	String applicationName;

	ConfigurableApplicationContext application;

	WebTestClient client;

	@BeforeEach
	void startAgainstEmptyDatabase() {
		this.database = TestDatabase.get().createDatabase("readiness");
		this.applicationName = "inkwell_t_" + UUID.randomUUID().toString().substring(0, 8);
		String url = this.database.toUrlString() + (this.database.toUrlString().contains("?") ? "&" : "?")
				+ "application_name=" + this.applicationName;
		this.application = new SpringApplicationBuilder(InkwellApplication.class).run("--server.port=0",
				"--inkwell.db.url=" + url);
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.application.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@AfterEach
	void stop() {
		if (this.application.isActive()) {
			this.application.close();
		}
		TestDatabase.get().dropDatabase(this.database);
	}

	@Test
	void staysNotReadyUntilMigratedThenBecomesReadyWithoutRestart() {
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.schema.details.reason")
			.value((String reason) -> assertThat(reason).contains("migrate"));
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		// a request that needs the schema is a 503 (not ready), not a 500
		this.client.get()
			.uri("/api/users/{id}", UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("Retry-After");

		new Migrator(this.database.jdbcUrl(), this.database.jdbcProperties(), Duration.ofMinutes(1)).update();

		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get().uri("/api/users/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
	}

	@Test
	void namesPendingChangesetsWhenTheDatabaseIsBehind() {
		Migrator migrator = new Migrator(this.database.jdbcUrl(), this.database.jdbcProperties(),
				Duration.ofMinutes(1));
		migrator.update();
		migrator.rollback(1);
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.components.schema.details.pending.length()")
			.isEqualTo(1);
	}

	@Test
	void leavesNoConnectionBehindWhenTheContextCloses() throws SQLException, InterruptedException {
		new Migrator(this.database.jdbcUrl(), this.database.jdbcProperties(), Duration.ofMinutes(1)).update();
		String admin = Tokens.adminIn(this.application);
		for (int i = 0; i < 20; i++) {
			this.client.get()
				.uri("/api/users?limit=5")
				.header(HttpHeaders.AUTHORIZATION, admin)
				.exchange()
				.expectStatus()
				.isOk();
		}
		assertThat(connectionsOfThisApplication()).isPositive();
		this.application.close();
		// the server drops a backend a moment after its client's Terminate: allow it that
		// moment
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(connectionsOfThisApplication()).isZero());
	}

	private long connectionsOfThisApplication() {
		return Sql.on(this.database)
			.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", this.applicationName);
	}

}
