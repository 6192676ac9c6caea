package io.inkwell.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.inkwell.db.StatementListener;

import org.springframework.boot.test.context.TestComponent;

/**
 * Records every SQL statement the application sends, through a statement listener that
 * {@code DatabaseConfig} puts under the pool. Tests {@link #reset()} it, make a request and
 * read {@link #count()} — the N+1 guard. Tests in one JVM run one at a time, so nothing else
 * sends statements in between (the schema readiness check runs only when a probe is asked).
 */
@TestComponent
public class StatementCounter implements StatementListener {

	private final List<String> statements = new CopyOnWriteArrayList<>();

	@Override
	public void afterStatement(ExecutedStatement statement) {
		this.statements.add(statement.sql());
	}

	public void reset() {
		this.statements.clear();
	}

	/** Statements sent since the last {@link #reset()}. */
	public int count() {
		return this.statements.size();
	}

	/** The statements' SQL, in the order they completed. */
	public List<String> statements() {
		return List.copyOf(this.statements);
	}

}
