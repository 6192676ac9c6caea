package io.inkwell.docs;

import io.inkwell.docs.OpenApiContract.Operation;
import io.inkwell.security.Access;
import io.inkwell.security.AccessRule;
import io.inkwell.security.AccessRules;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call a documented operation according to the server: the first row of
 * {@link AccessRules#TABLE} that matches an example request of it, matched as the route
 * table matches (same parser, exact method, first row wins).
 */
final class DocumentedSecurity {

	private DocumentedSecurity() {
	}

	static Access accessOf(Operation operation) {
		AccessRule rule = ruleOf(operation);
		if (rule == null) {
			throw new AssertionError(operation + " has no row in AccessRules");
		}
		return rule.access();
	}

	static AccessRule ruleOf(Operation operation) {
		PathContainer path = PathContainer.parsePath(OpenApiContract.get().examplePath(operation));
		for (AccessRule rule : AccessRules.TABLE) {
			if (rule.method().equals(operation.method())
					&& PathPatternParser.defaultInstance.parse(rule.pattern()).matches(path)) {
				return rule;
			}
		}
		return null;
	}

}
