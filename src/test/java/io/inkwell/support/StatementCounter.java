package io.inkwell.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.inkwell.db.StatementListener;
import io.inkwell.ops.QueryObserver;
import io.inkwell.ops.RequestIdFilter;

import org.springframework.boot.test.context.TestComponent;

/**
 * Records every SQL statement the application sends, through a statement listener that
 * {@code DatabaseConfig} puts under the pool. Tests {@link #reset()} it, make a request
 * and read {@link #count()} — the N+1 guard. Tests in one JVM run one at a time, so
 * nothing else sends statements in between (the schema readiness check runs only when a
 * probe is asked).
 * <p>
 * It also keeps the statements that ran for a request (their context holds a request id)
 * without a leading name comment; {@link NamedStatementsCheck} fails the test that sent
 * them. Statements that tests send themselves, outside a request, are not the
 * application's and are not checked.
 */
@TestComponent
public class StatementCounter implements StatementListener {

	private final List<String> statements = new CopyOnWriteArrayList<>();

	private final List<String> unnamed = new CopyOnWriteArrayList<>();

	@Override
	public void afterStatement(ExecutedStatement statement) {
		// the account lookup of an authenticated request is cached for a few seconds, so
		// whether a request runs it depends on timing: not counted
		if (statement.sql().contains("/* AuthRepository.findAccountState */")) {
			return;
		}
		this.statements.add(statement.sql());
		if (statement.context().hasKey(RequestIdFilter.KEY)
				&& "unnamed".equals(QueryObserver.nameOf(statement.sql()))) {
			this.unnamed.add(statement.sql());
		}
	}

	/**
	 * Statements run for a request without a name comment since the last call; clears the
	 * list.
	 */
	public List<String> takeUnnamed() {
		List<String> taken = List.copyOf(this.unnamed);
		this.unnamed.removeAll(taken);
		return taken;
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
