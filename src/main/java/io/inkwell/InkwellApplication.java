package io.inkwell;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.InvalidDatabaseUrlException;
import io.inkwell.migrate.DevDatabase;
import io.inkwell.migrate.MigrateCommand;
import io.inkwell.seed.SeedCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. {@code migrate} and {@code seed} are sub-commands that start no web server and no
 * R2DBC pool; anything else serves HTTP — against {@code DATABASE_URL} (production: never
 * migrates) or, without it, against an embedded PostgreSQL (dev default).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InkwellApplication {

	public static void main(String[] args) {
		keepAliveWorkaround();
		if (args.length > 0 && args[0].equals("migrate")) {
			System.exit(new MigrateCommand(System.getenv(), System.out, System.err).run(tail(args)));
		}
		if (args.length > 0 && args[0].equals("seed")) {
			System.exit(new SeedCommand(System.getenv(), System.out, System.err).run(tail(args)));
		}
		SpringApplication application = new SpringApplication(InkwellApplication.class);
		String url = System.getenv("DATABASE_URL");
		if (url != null && !url.isBlank()) {
			try {
				DatabaseUrl.parse(url);
			}
			catch (InvalidDatabaseUrlException ex) {
				// one clear line, never the password, instead of a start-up stack trace
				System.err.println("inkwell: " + ex.getMessage());
				System.exit(2);
			}
			// production mode logs JSON (ECS) lines; LOGGING_STRUCTURED_FORMAT_CONSOLE overrides it
			application.setDefaultProperties(Map.of("logging.structured.format.console", "ecs"));
		}
		else {
			application.addInitializers(DevDatabase.start(System.getenv()));
		}
		application.run(args);
	}

	/**
	 * Reactor Netty 1.3.6 can stall a keep-alive connection when the next request is buffered
	 * before the previous exchange has terminated ("Buffering keep-alive request, previous ops not
	 * yet terminated"; reactor-netty #4347, #4361). Flushing the last write even when no read is
	 * pending avoids it. Must be set before Reactor Netty's classes load; an explicit
	 * {@code -D} wins.
	 */
	static void keepAliveWorkaround() {
		if (System.getProperty("reactor.netty.http.server.lastFlushWhenNoRead") == null) {
			System.setProperty("reactor.netty.http.server.lastFlushWhenNoRead", "true");
		}
	}

	private static List<String> tail(String[] args) {
		return Arrays.asList(args).subList(1, args.length);
	}

}
