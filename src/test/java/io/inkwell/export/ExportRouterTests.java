package io.inkwell.export;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.DelegatingWebFluxConfiguration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The export route against a stand-in for the posts feature's {@code /api/posts/{id}},
 * registered first, so that only the export router's {@code @Order} can put the export first.
 */
class ExportRouterTests {

	@Test
	void exportRouteWinsOverThePostsIdRoute() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(DelegatingWebFluxConfiguration.class);
			context.registerBean("postRoutes", RouterFunction.class, () -> RouterFunctions.route()
				.GET("/api/posts/{id}", ExportRouterTests::post)
				.build());
			context.register(ExportRouter.class);
			context.registerBean(ExportHandler.class, StubHandler::new);
			context.refresh();
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			client.get().uri("/api/posts/export").exchange().expectStatus().isOk().expectBody(String.class)
				.isEqualTo("export");
			client.get().uri("/api/posts/42").exchange().expectStatus().isOk().expectBody(String.class)
				.isEqualTo("post 42");
		}
	}

	private static Mono<ServerResponse> post(ServerRequest request) {
		return ServerResponse.ok().bodyValue("post " + request.pathVariable("id"));
	}

	static class StubHandler extends ExportHandler {

		StubHandler() {
			super(null);
		}

		@Override
		Mono<ServerResponse> export(ServerRequest request) {
			return ServerResponse.ok().bodyValue("export");
		}

	}

}
