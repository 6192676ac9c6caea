import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The floor of the reactive stack for {@code GET /api/users/{id}}: Reactor Netty's HTTP server,
 * r2dbc-pool and r2dbc-postgresql, Jackson for the body; no Spring Boot, no filters, no metrics,
 * no problem details. Not part of the product: it measures what the layers above the reactive
 * stack cost per request (docs/benchmarks.md). The loops are Inkwell's defaults (Reactor Netty's
 * {@link LoopResources}: one HTTP loop, one accepting thread, one loop for the database
 * connections); a pool of 10, the binary result format.
 *
 * <ul>
 * <li>{@code MODE=netty} (default): a Reactor Netty route, the body written as one buffer;
 * {@code MODE=webflux}: the same handler as a WebFlux functional endpoint
 * ({@code RouterFunctions.toHttpHandler}, Spring's codecs), still without Spring Boot.</li>
 * <li>{@code DB=spi} (default): the R2DBC SPI on a pooled connection; {@code DB=client}: Spring's
 * {@code DatabaseClient} over the same pool.</li>
 * </ul>
 *
 * Run with the application and the libraries of the fat jar:
 *
 * <pre>
 * java -Djarmode=tools -jar target/inkwell.jar extract --destination /tmp/floor
 * MODE=netty DB=spi PORT=18091 DATABASE_URL=postgresql://postgres@127.0.0.1:5432/inkwell_bench \
 *   java -Xms512m -Xmx512m -cp '/tmp/floor/inkwell.jar:/tmp/floor/lib/*' src/bench/floor/Floor.java
 * </pre>
 */
public class Floor {

	static final String SQL = "SELECT id, email, name, role::text AS role, credits, created_at, updated_at, deleted_at"
			+ " FROM users WHERE id = $1 AND deleted_at IS NULL";

	record UserResponse(UUID id, String email, String name, String role, Instant createdAt, Instant updatedAt) {
	}

	static UserResponse toResponse(Readable row) {
		return new UserResponse(row.get("id", UUID.class), row.get("email", String.class), row.get("name", String.class),
				row.get("role", String.class), row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
	}

	public static void main(String[] args) throws Exception {
		URI url = URI.create(System.getenv("DATABASE_URL").replaceFirst("^postgres(ql)?:", "postgresql:"));
		String user = (url.getUserInfo() != null) ? url.getUserInfo().split(":")[0] : "postgres";
		LoopResources dbLoops = LoopResources.create("floor-db", 1, true);
		LoopResources httpLoops = LoopResources.create("floor-http", 1, 1, true);
		PostgresqlConnectionConfiguration.Builder driver = PostgresqlConnectionConfiguration.builder()
			.host(url.getHost())
			.port((url.getPort() > 0) ? url.getPort() : 5432)
			.database(url.getPath().substring(1))
			.username(user)
			.forceBinary(true)
			.tcpKeepAlive(true)
			.loopResources(dbLoops);
		if (url.getUserInfo() != null && url.getUserInfo().contains(":")) {
			driver.password(url.getUserInfo().split(":", 2)[1]);
		}
		ConnectionPool pool = new ConnectionPool(
				ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(driver.build()))
					.initialSize(0)
					.maxSize(10)
					.maxAcquireTime(Duration.ofSeconds(5))
					.build());
		JsonMapper json = JsonMapper.builder().build();
		DatabaseClient client = DatabaseClient.create(pool);
		boolean viaClient = "client".equals(System.getenv("DB"));
		Function<UUID, Mono<UserResponse>> find = viaClient
				? (id) -> client.sql(SQL).bind("$1", id).map(Floor::toResponse).one()
				: (id) -> Mono.usingWhen(pool.create(),
						(Connection c) -> Flux.from(c.createStatement(SQL).bind("$1", id).execute())
							.flatMap((result) -> result.map((row, meta) -> toResponse(row)))
							.next(),
						Connection::close);
		HttpServer http = HttpServer.create()
			.port(Integer.parseInt(System.getenv().getOrDefault("PORT", "18091")))
			.runOn(httpLoops);
		String mode = System.getenv().getOrDefault("MODE", "netty");
		DisposableServer server = switch (mode) {
			case "webflux" -> http.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(RouterFunctions.route()
				.GET("/api/users/{id}", (request) -> find.apply(UUID.fromString(request.pathVariable("id")))
					.flatMap((body) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body))
					.switchIfEmpty(ServerResponse.notFound().build()))
				.build()))).bindNow();
			case "netty" -> http.route((routes) -> routes.get("/api/users/{id}", (request, response) -> {
				UUID id;
				try {
					id = UUID.fromString(request.param("id"));
				}
				catch (IllegalArgumentException ex) {
					return response.status(HttpResponseStatus.BAD_REQUEST).send();
				}
				return find.apply(id).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((body) -> {
					if (body.isEmpty()) {
						return response.status(HttpResponseStatus.NOT_FOUND).send().then();
					}
					byte[] bytes = json.writeValueAsBytes(body.get());
					return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
						.send(Mono.just(Unpooled.wrappedBuffer(bytes)))
						.then();
				});
			})).bindNow();
			default -> throw new IllegalArgumentException("MODE is netty or webflux, was " + mode);
		};
		System.out.println("floor (" + mode + ", " + (viaClient ? "DatabaseClient" : "R2DBC SPI") + ") listening on "
				+ server.port());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.disposeNow();
			pool.dispose();
			httpLoops.dispose();
			dbLoops.dispose();
		}));
		server.onDispose().block();
	}

}
