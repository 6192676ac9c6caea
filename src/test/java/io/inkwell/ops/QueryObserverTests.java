package io.inkwell.ops;

import java.time.Duration;

import io.inkwell.db.DbProperties;
import io.inkwell.db.StatementListener.ExecutedStatement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.util.context.Context;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class QueryObserverTests {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final QueryObserver observer = new QueryObserver(this.registry, new DbProperties("", Duration.ofMinutes(30),
			Duration.ofMinutes(30), Duration.ofSeconds(2), 256, 1000, "", Duration.ofMillis(200)));

	@Test
	void logsSlowStatementsWithTextAndDurationButNeverParameters(CapturedOutput output) {
		this.observer.afterStatement(execution("/* UserRepository.findByEmail */ SELECT id FROM users WHERE email = $1",
				"secret-person@example.com", Duration.ofMillis(350)));
		assertThat(output).contains("Slow query UserRepository.findByEmail took 350 ms")
			.contains("SELECT id FROM users WHERE email = $1")
			.doesNotContain("secret-person@example.com");
	}

	@Test
	void doesNotLogFastStatementsButTimesThemByName(CapturedOutput output) {
		this.observer.afterStatement(execution("/* UserRepository.findLiveById */ SELECT 1", "x", Duration.ofMillis(3)));
		this.observer.afterStatement(execution("SELECT 2", "y", Duration.ofMillis(4)));
		assertThat(output).doesNotContain("Slow query");
		assertThat(this.registry.get("inkwell.db.query").tag("query", "UserRepository.findLiveById").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("inkwell.db.query").tag("query", "unnamed").timer().count()).isEqualTo(1);
	}

	/** The parameter is bound on the statement; what the listener sees must not contain it. */
	private static ExecutedStatement execution(String sql, String parameter, Duration duration) {
		assertThat(sql).doesNotContain(parameter);
		return new ExecutedStatement(sql, duration, Context.of(RequestIdFilter.KEY, "req-1"));
	}

}
