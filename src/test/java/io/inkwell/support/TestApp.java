package io.inkwell.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.inkwell.InkwellApplication;
import io.r2dbc.pool.ConnectionPool;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A whole application of its own (random port, production mode) for tests that need their
 * own database, pool settings or lifecycle — shutdown, faults, admission limits. Its
 * connections carry a unique {@code application_name}, so tests can find them in
 * {@code pg_stat_activity}. The {@link SlowRoutes} test endpoints are included.
 */
public final class TestApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final String applicationName;

	private final int port;

	private TestApp(ConfigurableApplicationContext context, String applicationName) {
		this.context = context;
		this.applicationName = applicationName;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Starts the application.
	 * @param databaseUrl the database, in DATABASE_URL form, without
	 * {@code application_name}
	 * @param extraParameters extra URL parameters, e.g.
	 * {@code connection_limit=2&pool_timeout=1}
	 * @param arguments extra command-line properties, e.g.
	 * {@code --inkwell.db.max-pending-acquires=3}
	 */
	public static TestApp start(String databaseUrl, String extraParameters, String... arguments) {
		String applicationName = "inkwell_t_" + UUID.randomUUID().toString().substring(0, 8);
		String url = databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "application_name=" + applicationName
				+ (extraParameters.isEmpty() ? "" : "&" + extraParameters);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--inkwell.db.url=" + url));
		args.addAll(List.of(arguments));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(InkwellApplication.class,
				SlowRoutes.class)
			.run(args.toArray(String[]::new));
		return new TestApp(context, applicationName);
	}

	public WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
	}

	/**
	 * A WebClient on event loops of its own and without a connection pool: every request
	 * opens a new connection. A default WebClient would use Reactor Netty's global
	 * resources, which other tests in the same JVM share (the server itself runs on the
	 * loops of {@code inkwell.event-loops.*}); a client that must outlive (or watch) the
	 * shutdown, or that needs fresh connections, uses this one.
	 */
	public WebClient independentClient() {
		HttpClient http = HttpClient.create(ConnectionProvider.newConnection())
			.runOn(LoopResources.create("test-client-" + this.port, 2, true));
		return WebClient.builder()
			.baseUrl(baseUrl())
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	public String baseUrl() {
		return "http://localhost:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public String applicationName() {
		return this.applicationName;
	}

	public ConnectionPool pool() {
		return this.context.getBean(ConnectionPool.class);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

}
