package io.inkwell.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.inkwell.dashboard.ConfigCard.ConfigCheck;
import io.inkwell.dashboard.DashboardRepository.ServerSettings;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.db.DbProperties;
import io.inkwell.security.JwtSecret;
import reactor.core.publisher.Mono;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * The configuration card: the secret's strength, the pool size against the server's
 * {@code max_connections}, PgBouncer mode against the prepared-statement cache, and TLS
 * to the database. It shows {@code DATABASE_URL} redacted and never a secret, only its
 * length.
 */
@Component
class ConfigurationCheck {

	/**
	 * Where the JWT signing secret may be configured: the variable, or its property form.
	 */
	static final List<String> SECRET_PROPERTIES = List.of("JWT_SECRET", "inkwell.security.jwt-secret");

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

	private final DashboardRepository repository;

	private final DatabaseUrl url;

	private final int preparedStatementCacheSize;

	private final ConfigurableEnvironment environment;

	private final boolean devMode;

	ConfigurationCheck(DashboardRepository repository, DatabaseUrl url, DbProperties properties,
			ConfigurableEnvironment environment) {
		this.repository = repository;
		this.url = url;
		this.preparedStatementCacheSize = properties.preparedStatementCacheSize();
		this.environment = environment;
		this.devMode = environment.getPropertySources().contains(SeedCheck.DEV_PROPERTY_SOURCE);
	}

	Mono<ConfigCard> check() {
		return this.repository.serverSettings().map((settings) -> {
			List<ConfigCheck> checks = List.of(secret(secretValue(), this.devMode),
					connections(this.url.connectionLimit(), settings),
					pgbouncer(this.url, this.preparedStatementCacheSize),
					tls(this.url.sslMode(), this.url.host(), settings.ssl(), settings.sslVersion()));
			CardState state = CardState.GREEN;
			for (ConfigCheck check : checks) {
				state = state.worst(check.state());
			}
			CardState worst = state;
			List<ConfigCheck> flagged = checks.stream().filter((check) -> check.state() == worst).toList();
			String reason = (worst == CardState.GREEN) ? "all " + checks.size() + " checks pass"
					: flagged.stream()
						.map((check) -> check.name() + ": " + check.reason())
						.collect(Collectors.joining("; "));
			return new ConfigCard(state, reason, this.url.redacted(), settings.serverVersion(), checks);
		});
	}

	private String secretValue() {
		for (String name : SECRET_PROPERTIES) {
			String value = this.environment.getProperty(name);
			if (value != null && !value.isEmpty()) {
				return value;
			}
		}
		return null;
	}

	/**
	 * The secret judged by the rules the server applies at startup
	 * ({@link JwtSecret#weakness}); the value itself is never reported. Unset is expected
	 * in dev mode only.
	 */
	static ConfigCheck secret(String secret, boolean devMode) {
		if (secret == null) {
			return new ConfigCheck("jwtSecret", devMode ? CardState.GREEN : CardState.AMBER,
					"JWT_SECRET is not set" + (devMode ? " (dev mode)" : "") + "; production needs one of at least "
							+ JwtSecret.MIN_BYTES + " bytes");
		}
		return JwtSecret.weakness(secret)
			.map((weakness) -> new ConfigCheck("jwtSecret", CardState.RED, weakness))
			.orElseGet(() -> new ConfigCheck("jwtSecret", CardState.GREEN,
					"JWT_SECRET has " + secret.getBytes(StandardCharsets.UTF_8).length + " bytes"));
	}

	/**
	 * The pool against what the server allows: red when one instance's pool does not fit,
	 * amber when fewer than two instances of this size fit (no room for a rolling
	 * deploy).
	 */
	static ConfigCheck connections(int poolSize, ServerSettings settings) {
		int usable = settings.maxConnections() - settings.reservedConnections();
		int instances = (poolSize > 0) ? usable / poolSize : 0;
		String figures = "pool of " + poolSize + " against max_connections " + settings.maxConnections() + " (" + usable
				+ " usable, " + settings.clientConnections() + " in use by all clients now)";
		if (poolSize > usable) {
			return new ConfigCheck("connections", CardState.RED,
					figures + ": the pool alone exceeds the server's limit");
		}
		if (instances < 2) {
			return new ConfigCheck("connections", CardState.AMBER,
					figures + ": room for only " + instances + " instance of this size; a rolling deploy needs two");
		}
		return new ConfigCheck("connections", CardState.GREEN, figures + ": room for " + instances + " instances");
	}

	/**
	 * PgBouncer in transaction mode cannot keep named prepared statements. With
	 * {@code pgbouncer=true} the cache is off; without it on PgBouncer's usual port 6432
	 * it may be a forgotten flag.
	 */
	static ConfigCheck pgbouncer(DatabaseUrl url, int cacheSize) {
		if (url.pgbouncer()) {
			return new ConfigCheck("pgbouncer", CardState.GREEN,
					"pgbouncer=true: the prepared-statement cache is off, as transaction pooling needs");
		}
		if (url.port() == 6432 && cacheSize > 0) {
			return new ConfigCheck("pgbouncer", CardState.AMBER,
					"port 6432 is PgBouncer's usual port but pgbouncer=true"
							+ " is not set: in transaction mode the prepared-statement cache (" + cacheSize
							+ ") will fail");
		}
		return new ConfigCheck("pgbouncer", CardState.GREEN,
				"direct connection: prepared-statement cache of " + cacheSize + " statements per connection");
	}

	/**
	 * TLS to the database: red when traffic to a remote server is plain text, amber when
	 * it is encrypted but the sslmode would silently accept plain text, green otherwise.
	 */
	static ConfigCheck tls(String sslMode, String host, Boolean ssl, String sslVersion) {
		boolean encrypted = Boolean.TRUE.equals(ssl);
		boolean local = LOCAL_HOSTS.contains(host) || host.startsWith("127.");
		if (!encrypted) {
			if (local) {
				return new ConfigCheck("tls", CardState.GREEN,
						"plain text to a local server (sslmode=" + sslMode + ")");
			}
			return new ConfigCheck("tls", CardState.RED, "traffic to " + host + " is not encrypted (sslmode=" + sslMode
					+ "); use sslmode=require or verify-full");
		}
		String how = "encrypted with " + ((sslVersion != null) ? sslVersion : "TLS") + " (sslmode=" + sslMode + ")";
		if (sslMode.equals("prefer") || sslMode.equals("allow")) {
			return new ConfigCheck("tls", CardState.AMBER,
					how + ", but this sslmode would fall back to plain text silently; set sslmode=require");
		}
		if (!sslMode.equals("verify-full")) {
			return new ConfigCheck("tls", CardState.GREEN, how + "; verify-full would also check the server's name");
		}
		return new ConfigCheck("tls", CardState.GREEN, how);
	}

}
