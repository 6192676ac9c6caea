package io.inkwell.ops;

import java.time.Duration;
import java.util.List;

import io.inkwell.db.DbProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.proxy.core.Bindings;
import io.r2dbc.proxy.core.BoundValue;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.test.MockQueryExecutionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
		this.observer.afterQuery(execution("/* UserRepository.findByEmail */ SELECT id FROM users WHERE email = $1",
				"secret-person@example.com", Duration.ofMillis(350)));
		assertThat(output).contains("Slow query UserRepository.findByEmail took 350 ms")
			.contains("SELECT id FROM users WHERE email = $1")
			.doesNotContain("secret-person@example.com");
	}

	@Test
	void doesNotLogFastStatementsButTimesThemByName(CapturedOutput output) {
		this.observer.afterQuery(execution("/* UserRepository.findLiveById */ SELECT 1", "x", Duration.ofMillis(3)));
		this.observer.afterQuery(execution("SELECT 2", "y", Duration.ofMillis(4)));
		assertThat(output).doesNotContain("Slow query");
		assertThat(this.registry.get("inkwell.db.query").tag("query", "UserRepository.findLiveById").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("inkwell.db.query").tag("query", "unnamed").timer().count()).isEqualTo(1);
	}

	private static MockQueryExecutionInfo execution(String sql, String parameter, Duration duration) {
		QueryInfo query = new QueryInfo(sql);
		Bindings bindings = new Bindings();
		bindings.addIndexBinding(Bindings.indexBinding(0, BoundValue.value(parameter)));
		query.getBindingsList().add(bindings);
		return MockQueryExecutionInfo.builder().queries(List.of(query)).executeDuration(duration).build();
	}

}
