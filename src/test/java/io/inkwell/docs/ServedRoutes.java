package io.inkwell.docs;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

import io.inkwell.docs.OpenApiContract.Operation;
import io.inkwell.support.RouterWalk;

import org.springframework.context.ApplicationContext;

/**
 * The operations a running application serves ({@link RouterWalk}), as operations of the
 * OpenAPI document. A route the walk cannot read as one method and one path fails,
 * because the document could not describe it as one operation either.
 */
final class ServedRoutes {

	private ServedRoutes() {
	}

	static Set<Operation> of(ApplicationContext context) {
		Set<Operation> operations = new TreeSet<>(Comparator.comparing(Operation::toString));
		for (RouterWalk.Route route : RouterWalk.of(context)) {
			operations.add(new Operation(route.method(), route.pattern()));
		}
		return operations;
	}

}
