package io.inkwell.ops;

import java.time.Duration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Checks the schema once at start-up so that the log says at once which changesets are
 * pending, before any readiness probe asks. Runs on the main thread, where waiting is
 * allowed.
 */
@Component
class SchemaCheckAtStartup implements ApplicationRunner {

	private final SchemaHealthIndicator schema;

	SchemaCheckAtStartup(SchemaHealthIndicator schema) {
		this.schema = schema;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.schema.health().block(Duration.ofSeconds(5));
	}

}
