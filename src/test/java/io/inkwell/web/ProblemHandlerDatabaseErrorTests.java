package io.inkwell.web;

import java.util.List;

import io.inkwell.ops.ShedMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.postgresql.message.backend.Field;
import io.r2dbc.postgresql.message.backend.Field.FieldType;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database errors are mapped from the error's SQLSTATE, table and constraint and the
 * failing statement, never from PostgreSQL's message text, which follows the server's
 * {@code lc_messages}. The messages here are German, or state the opposite of what
 * happened: the answers must not change.
 */
class ProblemHandlerDatabaseErrorTests {

	private static final String INSERT_LINK = "/* PostRepository.linkCategories */ INSERT INTO post_categories"
			+ " (post_id, category_id) SELECT DISTINCT $1, category_id FROM unnest(CAST($2 AS uuid[])) AS category_id";

	private static final String DELETE_USER = "/* UserRepository.hardDelete */ DELETE FROM users WHERE id = $1";

	private final ProblemHandler handler = new ProblemHandler(JsonMapper.builder().build(),
			new ShedMetrics(new SimpleMeterRegistry()));

	@Test
	void aDanglingReferenceInTheWrittenRowIs422NamingTheField() {
		ProblemDetail problem = this.handler.toProblem(error("23503",
				"Einfügen oder Aktualisieren in Tabelle »post_categories« verletzt Fremdschlüssel-Constraint",
				"post_categories", "post_categories_category_id_fkey", INSERT_LINK));
		assertUnknownReference(problem, "categoryIds");
	}

	@Test
	void removingAStillReferencedRowIs409Conflict() {
		ProblemDetail problem = this.handler.toProblem(
				error("23503", "Aktualisieren oder Löschen in Tabelle »users« verletzt Fremdschlüssel-Constraint",
						"transfers", "transfers_from_user_id_fkey", DELETE_USER));
		assertConflict(problem);
	}

	@Test
	void aMessageThatClaimsTheOtherSideChangesNothing() {
		assertUnknownReference(this.handler
			.toProblem(error("23503", "update or delete on table \"categories\" violates foreign key constraint",
					"post_categories", "post_categories_category_id_fkey", INSERT_LINK)),
				"categoryIds");
		assertConflict(this.handler
			.toProblem(error("23503", "insert or update on table \"transfers\" violates foreign key constraint",
					"transfers", "transfers_from_user_id_fkey", DELETE_USER)));
	}

	@Test
	void aConstraintIsKnownOnlyOnItsOwnTable() {
		ProblemDetail known = this.handler
			.toProblem(error("23505", "doppelter Schlüsselwert", "categories", "categories_name_key",
					"/* CategoryRepository.insert */ INSERT INTO categories (id, name) VALUES ($1, $2)"));
		assertThat(known.getType()).isEqualTo(ProblemType.DUPLICATE.type());
		assertThat(fields(known)).containsExactly("name");

		ProblemDetail elsewhere = this.handler.toProblem(error("23505", "doppelter Schlüsselwert", "comments",
				"categories_name_key", "/* Test.insert */ INSERT INTO comments (id) VALUES ($1)"));
		assertThat(elsewhere.getType()).isEqualTo(ProblemType.DUPLICATE.type());
		assertThat(fields(elsewhere)).containsExactly("value");
	}

	@Test
	void aForeignKeyTheClientCannotNameIs409Conflict() {
		assertConflict(this.handler.toProblem(error("23503", "irgendetwas", "audit_log", "audit_log_actor_id_fkey",
				"/* AuditRepository.insert */ INSERT INTO audit_log (id) VALUES ($1)")));
	}

	private static void assertUnknownReference(ProblemDetail problem, String field) {
		assertThat(problem.getStatus()).isEqualTo(422);
		assertThat(problem.getType()).isEqualTo(ProblemType.UNKNOWN_REFERENCE.type());
		assertThat(fields(problem)).containsExactly(field);
	}

	private static void assertConflict(ProblemDetail problem) {
		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getType()).isEqualTo(ProblemType.CONFLICT.type());
	}

	private static List<String> fields(ProblemDetail problem) {
		Object errors = (problem.getProperties() != null) ? problem.getProperties().get("errors") : null;
		return (errors instanceof List<?> list)
				? list.stream().map((error) -> ((ProblemException.FieldError) error).field()).toList() : List.of();
	}

	/**
	 * The shape Spring's DatabaseClient hands up: its translation around the driver's
	 * exception.
	 */
	private static RuntimeException error(String sqlState, String message, String table, String constraint,
			String sql) {
		ErrorDetails details = new ErrorDetails(List.of(new Field(FieldType.SEVERITY_NON_LOCALIZED, "ERROR"),
				new Field(FieldType.CODE, sqlState), new Field(FieldType.MESSAGE, message),
				new Field(FieldType.TABLE_NAME, table), new Field(FieldType.CONSTRAINT_NAME, constraint)));
		return new DataIntegrityViolationException("executeMany; SQL [" + sql + "]; " + message,
				new DriverError(details, sql));
	}

	static final class DriverError extends R2dbcDataIntegrityViolationException implements PostgresqlException {

		private final transient ErrorDetails details;

		DriverError(ErrorDetails details, String sql) {
			super(details.getMessage(), details.getCode(), 0, sql);
			this.details = details;
		}

		@Override
		public ErrorDetails getErrorDetails() {
			return this.details;
		}

	}

}
