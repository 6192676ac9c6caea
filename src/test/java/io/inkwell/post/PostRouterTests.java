package io.inkwell.post;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The post routes with stand-in handlers: {@code /api/posts/export} reaches the export,
 * not {@code /api/posts/{id}}, by route order within the one router (no bean order
 * involved).
 */
class PostRouterTests {

	private final WebTestClient client = WebTestClient
		.bindToRouterFunction(new PostRouter().postRoutes(new StubPostHandler(), new StubExportHandler()))
		.build();

	@Test
	void exportRouteWinsOverThePostsIdRoute() {
		this.client.get()
			.uri("/api/posts/export")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("export");
		this.client.get()
			.uri("/api/posts/42")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("post 42");
	}

	static class StubPostHandler extends PostHandler {

		StubPostHandler() {
			super(null, null, null);
		}

		@Override
		Mono<ServerResponse> get(ServerRequest request) {
			return ServerResponse.ok().bodyValue("post " + request.pathVariable("id"));
		}

	}

	static class StubExportHandler extends ExportHandler {

		StubExportHandler() {
			super(null, null);
		}

		@Override
		Mono<ServerResponse> export(ServerRequest request) {
			return ServerResponse.ok().bodyValue("export");
		}

	}

}
