package io.inkwell.docs;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

import io.inkwell.docs.OpenApiContract.Operation;
import io.inkwell.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The document and the running application's routes name the same operations. */
@IntegrationTest
class RouteCoverageIntegrationTests {

	private final OpenApiContract contract = OpenApiContract.get();

	@Autowired
	ApplicationContext context;

	@Test
	void documentsEveryRouteTheApplicationServes() {
		Set<Operation> undocumented = sorted(ServedRoutes.of(this.context));
		undocumented.removeIf((operation) -> operation.path().startsWith("/test/"));
		undocumented.removeAll(this.contract.operations());
		assertThat(undocumented).as("routes missing from %s", OpenApiContract.DOCUMENT).isEmpty();
	}

	@Test
	void servesEveryDocumentedOperation() {
		Set<Operation> unserved = sorted(this.contract.operations());
		unserved.removeAll(ServedRoutes.of(this.context));
		assertThat(unserved).as("operations of %s that no route serves", OpenApiContract.DOCUMENT).isEmpty();
	}

	@Test
	void readsNestedAndTopLevelRoutesWithTheirFullPaths() {
		assertThat(ServedRoutes.of(this.context)).contains(Operation.of("GET /api/users/{id}"),
				Operation.of("POST /api/users"), Operation.of("POST /api/users/{authorId}/posts/publish-drafts"),
				Operation.of("GET /api/posts/{postId}/comments"), Operation.of("GET /openapi.yaml"));
	}

	private static Set<Operation> sorted(Set<Operation> operations) {
		Set<Operation> copy = new TreeSet<>(Comparator.comparing(Operation::toString));
		copy.addAll(operations);
		return copy;
	}

}
