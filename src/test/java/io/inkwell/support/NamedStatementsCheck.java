package io.inkwell.support;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Fails an {@link IntegrationTest} whose requests made the application run a statement
 * without a leading {@code /* RepositoryName.methodName *}{@code /} comment: such a
 * statement is timed under {@code query="unnamed"} and cannot be told apart in
 * {@code inkwell_db_query_seconds}. Checked at run time, so SQL assembled at run time is
 * covered too.
 */
public class NamedStatementsCheck implements BeforeEachCallback, AfterEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) {
		counter(context).takeUnnamed();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		assertAllNamed(counter(context).takeUnnamed());
	}

	static void assertAllNamed(List<String> unnamed) {
		if (!unnamed.isEmpty()) {
			throw new AssertionError("statements without a leading /* RepositoryName.methodName */ comment: "
					+ unnamed.stream().map((sql) -> sql.replaceAll("\\s+", " ").strip()).distinct().toList());
		}
	}

	private static StatementCounter counter(ExtensionContext context) {
		return SpringExtension.getApplicationContext(context).getBean(StatementCounter.class);
	}

}
