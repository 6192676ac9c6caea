package io.inkwell.web;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** List query parameters read the same in the comma form and the repeated form. */
class RequestParametersTests {

	@Test
	void readsTheCommaAndTheRepeatedFormAlike() {
		assertThat(list("/x?include=author,categories")).contains(List.of("author", "categories"));
		assertThat(list("/x?include=author&include=categories")).contains(List.of("author", "categories"));
		assertThat(list("/x?include=author, categories&include=commentCount"))
			.contains(List.of("author", "categories", "commentCount"));
		assertThat(list("/x?include=author")).contains(List.of("author"));
	}

	@Test
	void treatsAnAbsentOrEmptyParameterAsAbsent() {
		assertThat(list("/x")).isEmpty();
		assertThat(list("/x?include=")).isEmpty();
		assertThat(list("/x?other=author")).isEmpty();
	}

	@Test
	void refusesEmptyEntriesInEitherForm() {
		for (String uri : List.of("/x?include=author,,categories", "/x?include=author,", "/x?include=author&include=",
				"/x?include=&include=author")) {
			assertThatThrownBy(() -> list(uri)).as(uri).isInstanceOfSatisfying(ProblemException.class, (ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(400);
				assertThat(ex.getBody().getDetail()).startsWith("include:");
			});
		}
	}

	private static Optional<List<String>> list(String uri) {
		ServerRequest request = ServerRequest.create(MockServerWebExchange.from(MockServerHttpRequest.get(uri)),
				HandlerStrategies.withDefaults().messageReaders());
		return RequestParameters.listQuery(request, "include");
	}

}
