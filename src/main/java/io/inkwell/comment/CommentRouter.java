package io.inkwell.comment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class CommentRouter {

	// the post feature owns the rest of /api/posts; asking this router first keeps the
	// more
	// specific comment routes independent of how that feature's patterns grow
	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> commentRoutes(CommentHandler handler) {
		return RouterFunctions.route()
			.GET("/api/posts/{postId}/comments", handler::list)
			.POST("/api/posts/{postId}/comments", handler::create)
			.path("/api/comments",
					(comments) -> comments.GET("/{id}", handler::get)
						.PATCH("/{id}", handler::update)
						.DELETE("/{id}", handler::delete))
			.build();
	}

}
