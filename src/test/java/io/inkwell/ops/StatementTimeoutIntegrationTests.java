package io.inkwell.ops;

import java.time.Duration;

import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API statements run under a server-side {@code statement_timeout} (5 s unless
 * configured); one that runs past it is a 503 problem with {@code Retry-After}, never a
 * 500. Before issue #26 there was no timeout by default, and a timed-out statement
 * (SQLSTATE 57014) was a 500.
 */
class StatementTimeoutIntegrationTests {

	@Test
	void appliesFiveSecondsByDefault() {
		try (TestApp app = TestApp.start(TestDatabase.get().url(), "")) {
			assertThat(show(app)).isEqualTo("5s");
		}
	}

	@Test
	void answersAStatementPastTheTimeoutWith503AndRetryAfter() {
		try (TestApp app = TestApp.start(TestDatabase.get().url(), "", "--inkwell.db.statement-timeout=300ms")) {
			assertThat(show(app)).isEqualTo("300ms");
			long start = System.nanoTime();
			app.client()
				.get()
				.uri("/test/sleep?ms=5000")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals("Retry-After", "1")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:inkwell:problem:unavailable")
				.jsonPath("$.detail")
				.value((String detail) -> assertThat(detail).contains("statement timeout"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
			// the connection is usable again
			app.client().get().uri("/test/sleep?ms=10").exchange().expectStatus().isOk();
		}
	}

	@Test
	void letsTheDatabaseUrlNameItsOwnTimeout() {
		try (TestApp app = TestApp.start(TestDatabase.get().url(), "statement_timeout=700")) {
			assertThat(show(app)).isEqualTo("700ms");
		}
	}

	private static String show(TestApp app) {
		return app.context()
			.getBean(DatabaseClient.class)
			.sql("/* Test.showStatementTimeout */ SHOW statement_timeout")
			.map((row) -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
