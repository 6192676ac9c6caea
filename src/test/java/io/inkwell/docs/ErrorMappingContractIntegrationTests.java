package io.inkwell.docs;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import io.inkwell.docs.OpenApiContract.Operation;
import io.inkwell.support.IntegrationTest;
import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemHandler;
import io.inkwell.web.ProblemType;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers no request can cause on demand — 503 (database unreachable), 500 (a bug)
 * and 429 (the login limit, raised out of reach in the shared test context) — as the
 * application's one error mapper writes them, checked against what every operation
 * documents for them.
 */
@IntegrationTest
class ErrorMappingContractIntegrationTests {

	private final OpenApiContract contract = OpenApiContract.get();

	@Autowired
	ProblemHandler problems;

	@Test
	void writesEveryDocumented503AsTheDocumentSays() {
		int checked = 0;
		for (Operation operation : this.contract.operations()) {
			if (this.contract.statuses(operation).contains("503")) {
				check(operation, 503, new DataAccessResourceFailureException("database down (test)"));
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(30);
	}

	@Test
	void writesEveryDocumented500AsTheDocumentSays() {
		int checked = 0;
		for (Operation operation : this.contract.operations()) {
			if (this.contract.statuses(operation).contains("500")) {
				check(operation, 500, new Bug());
				checked++;
			}
		}
		assertThat(checked).isEqualTo(this.contract.operations().size());
	}

	@Test
	void writesEveryDocumented429AsTheDocumentSays() {
		int checked = 0;
		for (Operation operation : this.contract.operations()) {
			if (this.contract.statuses(operation).contains("429")) {
				// as the login limiter throws it
				ProblemException tooMany = new ProblemException(ProblemType.TOO_MANY_REQUESTS,
						"too many login attempts from this address; retry in 7 s");
				tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, "7");
				check(operation, 429, tooMany);
				checked++;
			}
		}
		// login, sign-up and PATCH /api/users/{id} (an e-mail change)
		assertThat(checked).isEqualTo(3);
	}

	@Test
	void writesEveryDocumented408AsTheDocumentSays() throws Exception {
		// Reactor Netty's own exception for inkwell.http.request-timeout (not public)
		Method requestTimedOut = Class.forName("reactor.netty.http.server.RequestTimeoutException")
			.getDeclaredMethod("requestTimedOut");
		requestTimedOut.setAccessible(true);
		Throwable timeout = (Throwable) requestTimedOut.invoke(null);
		int checked = 0;
		for (Operation operation : this.contract.operations()) {
			if (this.contract.statuses(operation).contains("408")) {
				check(operation, 408, timeout);
				checked++;
			}
		}
		// every operation with a request body
		assertThat(checked).isEqualTo((int) this.contract.operations()
			.stream()
			.filter((operation) -> this.contract.operationNode(operation).has("requestBody"))
			.count());
	}

	private void check(Operation operation, int status, Throwable failure) {
		String path = this.contract.examplePath(operation);
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.method(operation.method(), path).build());
		StepVerifier.create(this.problems.handle(exchange, failure)).verifyComplete();
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(status);
		String body = exchange.getResponse().getBodyAsString().block();
		this.contract.validateResponse(operation, path, status, exchange.getResponse().getHeaders(),
				body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * An unforeseen failure; no stack trace, so that the error log of each check stays
	 * one line.
	 */
	private static final class Bug extends RuntimeException {

		Bug() {
			super("unforeseen failure (test)", null, false, false);
		}

	}

}
