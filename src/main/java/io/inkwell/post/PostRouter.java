package io.inkwell.post;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class PostRouter {

	/**
	 * Routes are tried in the order written: {@code /export} comes before {@code /{id}},
	 * which would otherwise answer it with 400 (not a UUID). The export route takes every
	 * {@code Accept}; its handler answers 406 itself, so no later route sees that path.
	 */
	@Bean
	RouterFunction<ServerResponse> postRoutes(PostHandler handler, ExportHandler exports) {
		return RouterFunctions.route()
			.path("/api/posts",
					(posts) -> posts.POST("", handler::create)
						.GET("", handler::list)
						.DELETE("", handler::deleteOlderThan)
						.GET("/export", exports::export)
						.GET("/{id}", handler::get)
						.PATCH("/{id}", handler::update)
						.DELETE("/{id}", handler::delete)
						.POST("/{id}/restore", handler::restore)
						.POST("/{id}/publish", handler::publish)
						.POST("/{id}/categories", handler::connectCategories)
						.PUT("/{id}/categories", handler::setCategories)
						.DELETE("/{id}/categories/{categoryId}", handler::disconnectCategory))
			// an author's bulk action on posts: the post feature owns it, under the
			// user's path
			.POST("/api/users/{authorId}/posts/publish-drafts", handler::publishDrafts)
			.DELETE("/api/admin/posts/{id}", handler::hardDelete)
			.build();
	}

}
