package io.inkwell.support;

import io.inkwell.security.Access;
import io.inkwell.security.AccessRule;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Test-only routes that hold a database connection for a while ({@code pg_sleep} on the
 * server, so no thread sleeps): the way to have requests in flight for shutdown,
 * admission and cancel tests. {@code GET /test/sleep?ms=500}. And
 * {@code GET /test/threads}: the names of the thread the handler ran on and of the thread
 * a query's result arrived on, for the event-loop tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SlowRoutes {

	@Bean
	RouterFunction<ServerResponse> slowTestRoutes(DatabaseClient db) {
		return RouterFunctions.route().GET("/test/sleep", (request) -> {
			int millis = Integer.parseInt(request.queryParam("ms").orElse("500"));
			return db.sql("/* SlowRoutes.sleep */ SELECT pg_sleep(:seconds)")
				.bind("seconds", millis / 1000.0)
				.fetch()
				.rowsUpdated()
				.then(ServerResponse.ok().bodyValue("slept " + Duration.ofMillis(millis)));
		}).GET("/test/threads", (request) -> {
			String handler = Thread.currentThread().getName();
			return db.sql("/* SlowRoutes.threads */ SELECT 1")
				.fetch()
				.rowsUpdated()
				.then(Mono.fromCallable(() -> Thread.currentThread().getName()))
				.flatMap((database) -> ServerResponse.ok().bodyValue(Map.of("handler", handler, "database", database)));
		}).build();
	}

	/**
	 * The test routes are public (the route table of the application has no rows for
	 * them).
	 */
	@Bean
	AccessRule slowTestRouteAccess() {
		return AccessRule.of(HttpMethod.GET, "/test/sleep", Access.PUBLIC);
	}

	@Bean
	AccessRule threadsTestRouteAccess() {
		return AccessRule.of(HttpMethod.GET, "/test/threads", Access.PUBLIC);
	}

	/** Connections of the given application in {@code pg_stat_activity}. */
	public static int connectionsOf(String applicationName) throws java.sql.SQLException {
		try (java.sql.Connection connection = TestDatabase.get().connect();
				java.sql.PreparedStatement statement = connection
					.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
			statement.setString(1, applicationName);
			try (java.sql.ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

}
