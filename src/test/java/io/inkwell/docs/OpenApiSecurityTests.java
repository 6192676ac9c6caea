package io.inkwell.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.inkwell.docs.OpenApiContract.Operation;
import io.inkwell.security.Access;
import io.inkwell.security.AccessRule;
import io.inkwell.security.AccessRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document's security is the server's: each operation's {@code security}, the roles
 * its description names and the 401/403/429 it documents follow the operation's row in
 * {@link AccessRules}, so a changed rule or a changed document fails here until both
 * agree.
 */
class OpenApiSecurityTests {

	/** Anonymous callers welcome, a bearer token optional. */
	private static final String OPTIONAL_BEARER = "[{},{\"bearerAuth\":[]}]";

	private static final String BEARER = "[{\"bearerAuth\":[]}]";

	/** Protected operations without an ownership rule: any token may call them. */
	private static final Set<Operation> NO_OWNER = Set.of(Operation.of("GET /api/auth/me"),
			Operation.of("POST /api/auth/logout-all"));

	/**
	 * Public operations whose service refuses some callers (a status filter the caller
	 * may not export).
	 */
	private static final Set<Operation> PUBLIC_WITH_403 = Set.of(Operation.of("GET /api/posts/export"));

	private static final Set<Operation> RATE_LIMITED = Set.of(Operation.of("POST /api/auth/register"),
			Operation.of("POST /api/auth/login"), Operation.of("PATCH /api/users/{id}"));

	private final OpenApiContract contract = OpenApiContract.get();

	@Test
	void declaresBearerJwtAuthentication() {
		JsonNode scheme = this.contract.document().at("/components/securitySchemes/bearerAuth");
		assertThat(scheme.path("type").asString("")).isEqualTo("http");
		assertThat(scheme.path("scheme").asString("")).isEqualTo("bearer");
		assertThat(scheme.path("bearerFormat").asString("")).isEqualTo("JWT");
	}

	@Test
	void declaresTheSecurityOfEachOperationsAccessRule() {
		List<String> wrong = new ArrayList<>();
		for (Operation operation : this.contract.operations()) {
			Access access = DocumentedSecurity.accessOf(operation);
			String expected = (access == Access.PUBLIC) ? OPTIONAL_BEARER : BEARER;
			String declared = String.valueOf(this.contract.operationNode(operation).get("security"));
			if (!expected.equals(declared)) {
				wrong.add(operation + " is " + access + " but declares security " + declared);
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void namesWhoMayCallEachOperationInItsDescription() {
		List<String> wrong = new ArrayList<>();
		for (Operation operation : this.contract.operations()) {
			String expected = switch (DocumentedSecurity.accessOf(operation)) {
				case PUBLIC -> "**Access:** anyone, with or without a token";
				case AUTHENTICATED -> "**Access:** USER, MODERATOR or ADMIN";
				case MODERATOR -> "**Access:** MODERATOR or ADMIN";
				case ADMIN -> "**Access:** ADMIN only";
			};
			String description = this.contract.operationNode(operation).path("description").asString("");
			if (!description.startsWith(expected)) {
				wrong.add(operation + " should start its description with " + expected);
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void documentsTheAnswersOfRefusedCallers() {
		for (Operation operation : this.contract.operations()) {
			Access access = DocumentedSecurity.accessOf(operation);
			Set<String> statuses = this.contract.statuses(operation);
			// a token that is sent must be valid, on public operations too
			assertThat(statuses).as("%s", operation).contains("401");
			boolean refusesSome = (access != Access.PUBLIC && !NO_OWNER.contains(operation))
					|| PUBLIC_WITH_403.contains(operation);
			assertThat(statuses.contains("403")).as("%s documents 403", operation).isEqualTo(refusesSome);
			assertThat(statuses.contains("429")).as("%s documents 429", operation)
				.isEqualTo(RATE_LIMITED.contains(operation));
		}
	}

	@Test
	void documentsEveryRouteOfTheAccessRules() {
		// wildcard rows cover static files and actuator endpoints, which the document
		// leaves out
		List<String> undocumented = new ArrayList<>();
		for (AccessRule rule : AccessRules.TABLE) {
			if (rule.pattern().contains("**") || rule.pattern().startsWith("/actuator/")) {
				continue;
			}
			if (!this.contract.operations().contains(new Operation(rule.method(), rule.pattern()))) {
				undocumented.add(rule.method() + " " + rule.pattern());
			}
		}
		assertThat(undocumented).isEmpty();
	}

}
