package io.inkwell.ops;

import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.inkwell.db.DbProperties;
import io.inkwell.db.StatementListener.ExecutedStatement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.util.context.Context;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class QueryObserverTests {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final QueryObserver observer = new QueryObserver(this.registry,
			new DbProperties("", Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofSeconds(2), 256, 1000, "",
					Duration.ofMillis(200), Duration.ofSeconds(5)));

	/**
	 * The listener never sees bound values (an executed statement is SQL text, duration
	 * and the caller's context), so the line cannot carry them; it does carry the
	 * caller's request id.
	 */
	@Test
	void logsSlowStatementsWithTextDurationAndTheRequestId() {
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		Logger slowQueries = (Logger) LoggerFactory.getLogger("io.inkwell.slow-query");
		slowQueries.addAppender(lines);
		try {
			this.observer.afterStatement(execution(
					"/* UserRepository.findByEmail */ SELECT id FROM users WHERE email = $1", Duration.ofMillis(350)));
		}
		finally {
			slowQueries.detachAppender(lines);
		}
		assertThat(lines.list).singleElement().satisfies((line) -> {
			assertThat(line.getFormattedMessage()).isEqualTo(
					"Slow query UserRepository.findByEmail took 350 ms: /* UserRepository.findByEmail */ SELECT id FROM users WHERE email = $1");
			assertThat(line.getMDCPropertyMap()).containsEntry(RequestIdFilter.KEY, "req-1");
		});
		assertThat(MDC.get(RequestIdFilter.KEY)).as("the MDC is left as it was").isNull();
	}

	@Test
	void doesNotLogFastStatementsButTimesThemByName(CapturedOutput output) {
		this.observer.afterStatement(execution("/* UserRepository.findLiveById */ SELECT 1", Duration.ofMillis(3)));
		this.observer.afterStatement(execution("SELECT 2", Duration.ofMillis(4)));
		assertThat(output).doesNotContain("Slow query");
		assertThat(this.registry.get("inkwell.db.query").tag("query", "UserRepository.findLiveById").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("inkwell.db.query").tag("query", "unnamed").timer().count()).isEqualTo(1);
	}

	private static ExecutedStatement execution(String sql, Duration duration) {
		return new ExecutedStatement(sql, duration, Context.of(RequestIdFilter.KEY, "req-1"));
	}

}
