package io.inkwell.web;

import io.inkwell.ops.ShedMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.R2dbcTransientException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.r2dbc.UncategorizedR2dbcException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deadlock or serialization failure that survives the writer's retries is a 503, never
 * a 500.
 */
class ProblemHandlerConcurrencyFailureTests {

	private final ProblemHandler handler = new ProblemHandler(JsonMapper.builder().build(),
			new ShedMetrics(new SimpleMeterRegistry()));

	@Test
	void mapsDeadlockTo503() {
		ProblemDetail problem = this.handler.toProblem(wrapped("deadlock detected", "40P01"));
		assertThat(problem.getStatus()).isEqualTo(503);
		assertThat(problem.getType()).isEqualTo(ProblemType.UNAVAILABLE.type());
	}

	@Test
	void mapsSerializationFailureTo503() {
		ProblemDetail problem = this.handler.toProblem(wrapped("could not serialize access", "40001"));
		assertThat(problem.getStatus()).isEqualTo(503);
		assertThat(problem.getType()).isEqualTo(ProblemType.UNAVAILABLE.type());
	}

	/**
	 * The shape Spring's DatabaseClient hands up: its own exception around the driver's.
	 */
	private static RuntimeException wrapped(String message, String sqlState) {
		return new UncategorizedR2dbcException("executeMany", "SELECT 1",
				new R2dbcTransientException(message, sqlState) {
				});
	}

}
