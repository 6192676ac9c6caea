package io.inkwell.post;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class PostRouter {

	/**
	 * Order 0: routers with a lower order are asked first. The export router
	 * ({@code GET /api/posts/export}) must have a lower order than this one, or {@code /{id}}
	 * would answer it with 400 (not a UUID).
	 */
	@Bean
	@Order(0)
	RouterFunction<ServerResponse> postRoutes(PostHandler handler) {
		return RouterFunctions.route()
			.path("/api/posts", (posts) -> posts.POST("", handler::create)
				.GET("", handler::list)
				.DELETE("", handler::deleteOlderThan)
				.GET("/{id}", handler::get)
				.PATCH("/{id}", handler::update)
				.DELETE("/{id}", handler::delete)
				.POST("/{id}/restore", handler::restore)
				.POST("/{id}/publish", handler::publish)
				.POST("/{id}/categories", handler::connectCategories)
				.PUT("/{id}/categories", handler::setCategories)
				.DELETE("/{id}/categories/{categoryId}", handler::disconnectCategory))
			// an author's bulk action on posts: the post feature owns it, under the user's path
			.POST("/api/users/{authorId}/posts/publish-drafts", handler::publishDrafts)
			.DELETE("/api/admin/posts/{id}", handler::hardDelete)
			.build();
	}

}
