package io.inkwell.support;

import java.time.Duration;

import io.inkwell.db.StatementListener.ExecutedStatement;
import io.inkwell.ops.RequestIdFilter;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class NamedStatementsCheckTests {

	private final StatementCounter counter = new StatementCounter();

	@Test
	void anUnnamedStatementOfARequestFailsTheCheck() {
		this.counter.afterStatement(new ExecutedStatement("/* PostRepository.insert */ INSERT INTO posts",
				Duration.ZERO, Context.of(RequestIdFilter.KEY, "r1")));
		this.counter.afterStatement(new ExecutedStatement("SELECT  count(*)\n FROM posts", Duration.ZERO,
				Context.of(RequestIdFilter.KEY, "r2")));

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> NamedStatementsCheck.assertAllNamed(this.counter.takeUnnamed()))
			.withMessageContaining("SELECT count(*) FROM posts")
			.withMessageNotContaining("INSERT");
		assertThat(this.counter.takeUnnamed()).isEmpty();
	}

	@Test
	void statementsOutsideRequestsAreNotTheApplicationsAndPass() {
		this.counter.afterStatement(new ExecutedStatement("SELECT 1", Duration.ZERO, Context.empty()));

		assertThatNoException().isThrownBy(() -> NamedStatementsCheck.assertAllNamed(this.counter.takeUnnamed()));
	}

}
