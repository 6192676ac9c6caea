package io.inkwell.security;

import java.time.Duration;

import io.inkwell.InkwellApplication;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A route someone forgot to put in {@link AccessRules} is closed to everyone (fail
 * closed), while a path that no route serves still gets the router's 404.
 */
class UnlistedRouteIntegrationTests {

	static ConfigurableApplicationContext application;

	static WebTestClient client;

	@BeforeAll
	static void start() {
		RouterFunction<ServerResponse> forgotten = RouterFunctions.route()
			.GET("/api/forgotten", (request) -> ServerResponse.ok().bodyValue("should never be seen"))
			.build();
		application = new SpringApplicationBuilder(InkwellApplication.class)
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("forgottenRoutes",
					RouterFunction.class, () -> forgotten))
			.run("--server.port=0", "--inkwell.db.url=" + TestDatabase.get().url());
		client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + application.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@Test
	void deniesEveryoneARouteWithoutARowInTheTable() {
		client.get()
			.uri("/api/forgotten")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		client.get()
			.uri("/api/forgotten")
			.header(HttpHeaders.AUTHORIZATION,
					Tokens.of(application).bearer(Tokens.createUser(Role.ADMIN, "admin"), Role.ADMIN))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:forbidden");
	}

	@Test
	void stillAnswers404ForAPathNoRouteServes() {
		client.get()
			.uri("/api/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:inkwell:problem:not-found");
		client.put().uri("/api/categories").exchange().expectStatus().isNotFound();
	}

}
