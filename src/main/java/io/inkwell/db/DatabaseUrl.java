package io.inkwell.db;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The parsed and validated {@code DATABASE_URL}: the only place that understands its
 * format.
 *
 * <p>
 * Accepted forms (the Prisma shape, plus the R2DBC spelling of the scheme): <pre>
 * postgresql://user:pass@host:5432/db?connection_limit=10&amp;pool_timeout=10&amp;sslmode=require&amp;pgbouncer=true
 * postgres://...
 * r2dbc:postgresql://...
 * r2dbc:postgres://...
 * </pre> User and password are optional and percent-decoded. The user information ends at
 * the <em>last</em> {@code @} before the first {@code /} after {@code //}, and the user
 * name ends at the <em>first</em> {@code :}, so a password may contain raw {@code @},
 * {@code :}, {@code ?} and {@code #}; a {@code /} in the password must be written
 * {@code %2F} (as Prisma also requires). The host is required ({@code [::1]} for IPv6;
 * {@link #host()} returns it without brackets), the port defaults to 5432, the database
 * name is required and percent-decoded.
 *
 * <p>
 * Query parameters, all optional; any other parameter is rejected so that typos are
 * caught:
 * <table>
 * <caption>Parameters</caption>
 * <tr>
 * <th>parameter</th>
 * <th>allowed</th>
 * <th>default</th>
 * </tr>
 * <tr>
 * <td>{@code connection_limit}</td>
 * <td>1..1000</td>
 * <td>10</td>
 * </tr>
 * <tr>
 * <td>{@code pool_timeout}</td>
 * <td>0..3600 seconds (0 = fail at once)</td>
 * <td>10</td>
 * </tr>
 * <tr>
 * <td>{@code sslmode}</td>
 * <td>disable, allow, prefer, require, verify-ca, verify-full</td>
 * <td>prefer</td>
 * </tr>
 * <tr>
 * <td>{@code pgbouncer}</td>
 * <td>true, false</td>
 * <td>false</td>
 * </tr>
 * <tr>
 * <td>{@code schema}</td>
 * <td>non-empty name</td>
 * <td>public</td>
 * </tr>
 * <tr>
 * <td>{@code connect_timeout}</td>
 * <td>0..3600 seconds (0 = no timeout)</td>
 * <td>10</td>
 * </tr>
 * <tr>
 * <td>{@code application_name}</td>
 * <td>non-empty name</td>
 * <td>inkwell</td>
 * </tr>
 * <tr>
 * <td>{@code statement_timeout}</td>
 * <td>0..2147483647 milliseconds (0 = off)</td>
 * <td>0</td>
 * </tr>
 * </table>
 * {@code pgbouncer=true} means the application must disable the named prepared-statement
 * cache.
 *
 * <p>
 * Errors are reported as {@link InvalidDatabaseUrlException} with a one-line message that
 * never contains the password. {@link #toString()} is {@link #redacted()};
 * {@link #toUrlString()} gives the full URL, password included, for handing on (never for
 * logs).
 *
 * <p>
 * The canonical constructor validates its arguments with the same rules as
 * {@link #parse}; it also turns an empty user or password into {@code null}.
 *
 * @param user the user name, or {@code null} when absent
 * @param password the password, or {@code null} when absent; never part of
 * {@link #toString()}
 * @param host the host name or IP address; an IPv6 address is given without brackets
 * @param port the port, 1..65535
 * @param database the database name
 * @param connectionLimit the connection pool size, 1..1000
 * @param poolTimeout how long to wait for a pooled connection, 0..3600 seconds
 * @param sslMode the SSL mode in lower case, e.g. {@code "require"}
 * @param pgbouncer whether the server is reached through PgBouncer (no named prepared
 * statements)
 * @param schema the schema to use
 * @param connectTimeout how long to wait when opening a connection, 0..3600 seconds, ZERO
 * = no limit
 * @param applicationName the {@code application_name} reported to the server
 * @param statementTimeout the server-side statement timeout, {@link Duration#ZERO} = off
 */
public record DatabaseUrl(String user, String password, String host, int port, String database, int connectionLimit,
		Duration poolTimeout, String sslMode, boolean pgbouncer, String schema, Duration connectTimeout,
		String applicationName, Duration statementTimeout) {

	private static final String PREFIX = "DATABASE_URL: ";

	private static final String EXPECTED_SCHEMES = "postgresql://, postgres:// or r2dbc:postgresql://";

	private static final List<String> SCHEMES = List.of("postgresql", "postgres", "r2dbc:postgresql", "r2dbc:postgres");

	private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
			"verify-full");

	private static final String CONNECTION_LIMIT = "connection_limit";

	private static final String POOL_TIMEOUT = "pool_timeout";

	private static final String SSLMODE = "sslmode";

	private static final String PGBOUNCER = "pgbouncer";

	private static final String SCHEMA = "schema";

	private static final String CONNECT_TIMEOUT = "connect_timeout";

	private static final String APPLICATION_NAME = "application_name";

	private static final String STATEMENT_TIMEOUT = "statement_timeout";

	private static final List<String> PARAMETERS = List.of(CONNECTION_LIMIT, POOL_TIMEOUT, SSLMODE, PGBOUNCER, SCHEMA,
			CONNECT_TIMEOUT, APPLICATION_NAME, STATEMENT_TIMEOUT);

	private static final int DEFAULT_PORT = 5432;

	private static final int DEFAULT_CONNECTION_LIMIT = 10;

	private static final int MAX_CONNECTION_LIMIT = 1000;

	private static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(10);

	private static final int MAX_TIMEOUT_SECONDS = 3600;

	private static final String DEFAULT_SSL_MODE = "prefer";

	private static final String DEFAULT_SCHEMA = "public";

	private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final String DEFAULT_APPLICATION_NAME = "inkwell";

	private static final String PASSWORD_MASK = "****";

	private static final String PORT_RULE = "port must be a whole number from 1 to 65535";

	private static final String CONNECTION_LIMIT_RULE = CONNECTION_LIMIT + " must be a whole number from 1 to "
			+ MAX_CONNECTION_LIMIT;

	private static final String POOL_TIMEOUT_RULE = POOL_TIMEOUT + " must be a whole number of seconds from 0 to "
			+ MAX_TIMEOUT_SECONDS;

	private static final String CONNECT_TIMEOUT_RULE = CONNECT_TIMEOUT + " must be a whole number of seconds from 0 to "
			+ MAX_TIMEOUT_SECONDS;

	private static final String STATEMENT_TIMEOUT_RULE = STATEMENT_TIMEOUT
			+ " must be a whole number of milliseconds from 0 to " + Integer.MAX_VALUE;

	private static final String SSLMODE_RULE = SSLMODE + " must be one of " + String.join(", ", SSL_MODES);

	private static final String PGBOUNCER_RULE = PGBOUNCER + " must be true or false";

	private static final String SLASH_IN_PASSWORD_HINT = " (if the password contains \"/\", percent-encode it as %2F)";

	public DatabaseUrl {
		user = emptyToNull(user);
		password = emptyToNull(password);
		if (user != null && hasNul(user)) {
			throw invalid("user name must not contain a NUL character");
		}
		if (password != null && hasNul(password)) {
			throw invalid("password must not contain a NUL character");
		}
		if (host == null || host.isEmpty()) {
			throw invalid("missing host");
		}
		if (!isValidHost(host)) {
			throw invalid("invalid host " + quote(host));
		}
		if (port < 1 || port > 65535) {
			throw invalid(PORT_RULE + ", got " + quote(Integer.toString(port)));
		}
		if (database == null || database.isEmpty()) {
			throw invalid("missing database name (expected .../<database> after the host)");
		}
		if (hasControlCharacter(database)) {
			throw invalid("database name must not contain control characters, got " + quote(database));
		}
		if (connectionLimit < 1 || connectionLimit > MAX_CONNECTION_LIMIT) {
			throw invalid(CONNECTION_LIMIT_RULE + ", got " + quote(Integer.toString(connectionLimit)));
		}
		checkSeconds(poolTimeout, POOL_TIMEOUT_RULE);
		if (sslMode == null || !SSL_MODES.contains(sslMode)) {
			throw invalid(SSLMODE_RULE + ", got " + quote(String.valueOf(sslMode)));
		}
		checkName(schema, SCHEMA);
		checkSeconds(connectTimeout, CONNECT_TIMEOUT_RULE);
		checkName(applicationName, APPLICATION_NAME);
		if (statementTimeout == null || statementTimeout.isNegative()
				|| statementTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
			throw invalid(STATEMENT_TIMEOUT_RULE + ", got " + quote(String.valueOf(statementTimeout)));
		}
	}

	/**
	 * Parses and validates a {@code DATABASE_URL} value. Surrounding whitespace is
	 * ignored.
	 * @param url the value, e.g. {@code System.getenv("DATABASE_URL")}
	 * @return the parsed URL
	 * @throws InvalidDatabaseUrlException if the value is empty or breaks a rule; the
	 * one-line message names the rule and never contains the password
	 */
	public static DatabaseUrl parse(String url) {
		if (url == null || url.isBlank()) {
			throw invalid("is empty");
		}
		String text = url.strip();
		if (text.charAt(0) == '"' || text.charAt(0) == '\'') {
			throw invalid("must not be wrapped in quotes");
		}
		int schemeEnd = text.indexOf("://");
		if (schemeEnd < 0) {
			throw invalid("must start with " + EXPECTED_SCHEMES);
		}
		String scheme = text.substring(0, schemeEnd);
		if (!SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
			// Without a real scheme the text before "://" could be part of a password:
			// echo it only
			// when it looks like a scheme.
			throw invalid(scheme.matches("(?i)((r2dbc|jdbc):)?[a-z][a-z0-9+.-]*")
					? "unknown scheme " + quote(scheme) + "; expected " + EXPECTED_SCHEMES
					: "unknown scheme; expected " + EXPECTED_SCHEMES);
		}
		String rest = text.substring(schemeEnd + 3);
		int slash = rest.indexOf('/');
		String authority = (slash < 0) ? rest : rest.substring(0, slash);
		String tail = (slash < 0) ? null : rest.substring(slash + 1);
		// A "/" in a password ends the authority early, leaving password characters and
		// an "@" in
		// the rest of the URL; messages then leave out every value they would otherwise
		// quote.
		boolean echo = tail == null || tail.indexOf('@') < 0;
		return new Parser(echo).parse(authority, tail);
	}

	/**
	 * Returns this server with another database; everything else is unchanged.
	 * @param name the database name (not percent-encoded)
	 * @return the new URL
	 * @throws InvalidDatabaseUrlException if the name is empty or contains control
	 * characters
	 */
	public DatabaseUrl withDatabase(String name) {
		return new DatabaseUrl(this.user, this.password, this.host, this.port, name, this.connectionLimit,
				this.poolTimeout, this.sslMode, this.pgbouncer, this.schema, this.connectTimeout, this.applicationName,
				this.statementTimeout);
	}

	/**
	 * Returns the PostgreSQL JDBC URL for this database, without user and password (pass
	 * {@link #jdbcProperties()} with it):
	 * {@code jdbc:postgresql://host:port/db?sslmode=...
	 * &ApplicationName=...&connectTimeout=...}, followed by {@code currentSchema=...}
	 * when the schema is not {@code public} and {@code prepareThreshold=0} when
	 * {@link #pgbouncer()} is set. The statement timeout is deliberately left out (it is
	 * meant for the application's queries, not for migrations).
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hostAndPort())
			.append('/')
			.append(formEncode(this.database))
			.append("?sslmode=")
			.append(this.sslMode)
			.append("&ApplicationName=")
			.append(formEncode(this.applicationName))
			.append("&connectTimeout=")
			.append(wholeSeconds(this.connectTimeout));
		if (!DEFAULT_SCHEMA.equals(this.schema)) {
			jdbc.append("&currentSchema=").append(formEncode(this.schema));
		}
		if (this.pgbouncer) {
			jdbc.append("&prepareThreshold=0");
		}
		return jdbc.toString();
	}

	/**
	 * Returns the JDBC connection properties that go with {@link #jdbcUrl()}:
	 * {@code user} and {@code password}, each only when present. A new object is returned
	 * on every call.
	 * @return the properties
	 */
	public Properties jdbcProperties() {
		Properties properties = new Properties();
		if (this.user != null) {
			properties.setProperty("user", this.user);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		return properties;
	}

	/**
	 * Returns this URL for logs, with the password replaced by {@code ****}, in canonical
	 * form: {@code postgresql://user:****@host:port/db} followed by the parameters that
	 * differ from their defaults.
	 * @return the redacted URL
	 */
	public String redacted() {
		return format(true);
	}

	/**
	 * Returns this URL in canonical {@code DATABASE_URL} form <em>including the
	 * password</em>, e.g. to hand a database created with {@link #withDatabase} to a
	 * child process or to the application under test. Same shape as {@link #redacted()},
	 * and {@link #parse} reads it back to an equal value. Never log it; use
	 * {@link #redacted()} or {@link #toString()} for that.
	 * @return the URL with the password
	 */
	public String toUrlString() {
		return format(false);
	}

	private String format(boolean redact) {
		StringBuilder url = new StringBuilder("postgresql://");
		if (this.user != null || this.password != null) {
			if (this.user != null) {
				url.append(percentEncode(this.user));
			}
			if (this.password != null) {
				url.append(':').append(redact ? PASSWORD_MASK : percentEncode(this.password));
			}
			url.append('@');
		}
		url.append(hostAndPort()).append('/').append(percentEncode(this.database));
		Map<String, String> parameters = new LinkedHashMap<>();
		if (this.connectionLimit != DEFAULT_CONNECTION_LIMIT) {
			parameters.put(CONNECTION_LIMIT, Integer.toString(this.connectionLimit));
		}
		if (!this.poolTimeout.equals(DEFAULT_POOL_TIMEOUT)) {
			parameters.put(POOL_TIMEOUT, Long.toString(wholeSeconds(this.poolTimeout)));
		}
		if (!this.sslMode.equals(DEFAULT_SSL_MODE)) {
			parameters.put(SSLMODE, this.sslMode);
		}
		if (this.pgbouncer) {
			parameters.put(PGBOUNCER, "true");
		}
		if (!this.schema.equals(DEFAULT_SCHEMA)) {
			parameters.put(SCHEMA, this.schema);
		}
		if (!this.connectTimeout.equals(DEFAULT_CONNECT_TIMEOUT)) {
			parameters.put(CONNECT_TIMEOUT, Long.toString(wholeSeconds(this.connectTimeout)));
		}
		if (!this.applicationName.equals(DEFAULT_APPLICATION_NAME)) {
			parameters.put(APPLICATION_NAME, this.applicationName);
		}
		if (!this.statementTimeout.isZero()) {
			parameters.put(STATEMENT_TIMEOUT, Long.toString(this.statementTimeout.toMillis()));
		}
		char separator = '?';
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			url.append(separator).append(parameter.getKey()).append('=').append(percentEncode(parameter.getValue()));
			separator = '&';
		}
		return url.toString();
	}

	/**
	 * Returns {@link #redacted()}: the password is never part of the string form.
	 */
	@Override
	public String toString() {
		return redacted();
	}

	private String hostAndPort() {
		String hostPart = (this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host;
		return hostPart + ":" + this.port;
	}

	private static void checkSeconds(Duration value, String rule) {
		if (value == null || value.isNegative() || value.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0) {
			throw invalid(rule + ", got " + quote(String.valueOf(value)));
		}
	}

	private static void checkName(String value, String parameter) {
		if (value == null || value.isEmpty()) {
			throw invalid(parameter + " must not be empty");
		}
		if (hasControlCharacter(value)) {
			throw invalid(parameter + " must not contain control characters, got " + quote(value));
		}
	}

	private static boolean isValidHost(String host) {
		if (host.indexOf(':') >= 0) {
			return host.matches("[0-9A-Fa-f:.]+");
		}
		return host.matches("[A-Za-z0-9._-]+");
	}

	private static long wholeSeconds(Duration duration) {
		return duration.toSeconds() + ((duration.toNanosPart() > 0) ? 1 : 0);
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static boolean hasNul(String value) {
		return value.indexOf('\0') >= 0;
	}

	private static boolean hasControlCharacter(String value) {
		return value.chars().anyMatch(Character::isISOControl);
	}

	private static InvalidDatabaseUrlException invalid(String rule) {
		return new InvalidDatabaseUrlException(PREFIX + rule);
	}

	/**
	 * Quotes a value for an error message, keeping the message on one line and short.
	 */
	private static String quote(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		int limit = 80;
		for (int i = 0; i < value.length() && i < limit; i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		if (value.length() > limit) {
			quoted.append("...");
		}
		return quoted.append('"').toString();
	}

	/**
	 * Percent-encodes everything but the RFC 3986 unreserved characters, so the result
	 * can be used in any part of the URL and read back by {@link #parse}.
	 */
	private static String percentEncode(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return encoded.toString();
	}

	/**
	 * Encodes for the PostgreSQL JDBC driver, which URL-decodes the database name and
	 * parameter values with {@link java.net.URLDecoder}.
	 */
	private static String formEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Strictly percent-decodes a value: every {@code %} must start two hex digits and the
	 * decoded bytes must be UTF-8.
	 * @return the decoded value, or {@code null} if the value is not valid
	 * percent-encoding
	 */
	private static String percentDecode(String value, boolean plusIsSpace) {
		if (value.indexOf('%') < 0 && !(plusIsSpace && value.indexOf('+') >= 0)) {
			return value;
		}
		StringBuilder decoded = new StringBuilder(value.length());
		byte[] bytes = new byte[value.length() / 3];
		int i = 0;
		while (i < value.length()) {
			char c = value.charAt(i);
			if (c != '%') {
				decoded.append((plusIsSpace && c == '+') ? ' ' : c);
				i++;
				continue;
			}
			int count = 0;
			while (i < value.length() && value.charAt(i) == '%') {
				if (i + 2 >= value.length()) {
					return null;
				}
				int high = hexValue(value.charAt(i + 1));
				int low = hexValue(value.charAt(i + 2));
				if (high < 0 || low < 0) {
					return null;
				}
				bytes[count++] = (byte) ((high << 4) | low);
				i += 3;
			}
			try {
				decoded.append(StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes, 0, count)));
			}
			catch (CharacterCodingException ex) {
				return null;
			}
		}
		return decoded.toString();
	}

	private static int hexValue(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

	/**
	 * Parses the part after {@code scheme://}. When {@code echo} is false, error messages
	 * quote no value from the URL, because the URL may have been split inside the
	 * password.
	 */
	private static final class Parser {

		private final boolean echo;

		Parser(boolean echo) {
			this.echo = echo;
		}

		DatabaseUrl parse(String authority, String tail) {
			String user = null;
			String password = null;
			String hostPort = authority;
			int at = authority.lastIndexOf('@');
			if (at >= 0) {
				String userInfo = authority.substring(0, at);
				hostPort = authority.substring(at + 1);
				int colon = userInfo.indexOf(':');
				String rawUser = (colon < 0) ? userInfo : userInfo.substring(0, colon);
				user = percentDecode(rawUser, false);
				if (user == null) {
					throw fail("user name is not valid percent-encoding");
				}
				if (colon >= 0) {
					password = percentDecode(userInfo.substring(colon + 1), false);
					if (password == null) {
						throw fail("password is not valid percent-encoding");
					}
				}
			}
			boolean databaseMissing = tail == null;
			int queryInHost = indexOfAny(hostPort, "?#");
			if (queryInHost >= 0) {
				// e.g. "host?sslmode=require" without "/db"
				hostPort = hostPort.substring(0, queryInHost);
				databaseMissing = true;
			}
			String host;
			int port = DEFAULT_PORT;
			String rawPort = null;
			if (hostPort.startsWith("[")) {
				int close = hostPort.indexOf(']');
				if (close < 0) {
					throw fail("IPv6 host is missing \"]\"", hostPort);
				}
				host = hostPort.substring(1, close);
				String afterHost = hostPort.substring(close + 1);
				if (afterHost.startsWith(":")) {
					rawPort = afterHost.substring(1);
				}
				else if (!afterHost.isEmpty()) {
					throw fail("invalid host", hostPort);
				}
				if (host.isEmpty()) {
					throw fail("missing host");
				}
				if (host.indexOf(':') < 0 || !isValidHost(host)) {
					throw fail("invalid IPv6 host", hostPort);
				}
			}
			else {
				int colon = hostPort.indexOf(':');
				if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
					throw fail("invalid host (write an IPv6 address in brackets, e.g. [::1])", hostPort);
				}
				host = (colon < 0) ? hostPort : hostPort.substring(0, colon);
				rawPort = (colon < 0) ? null : hostPort.substring(colon + 1);
				if (host.isEmpty()) {
					throw fail("missing host");
				}
				if (!isValidHost(host)) {
					throw fail("invalid host", host);
				}
			}
			if (rawPort != null) {
				Long value = wholeNumber(rawPort, 1, 65535);
				if (value == null) {
					throw fail(PORT_RULE, rawPort);
				}
				port = value.intValue();
			}
			String path = "";
			String query = null;
			if (!databaseMissing) {
				int question = tail.indexOf('?');
				path = (question < 0) ? tail : tail.substring(0, question);
				query = (question < 0) ? null : tail.substring(question + 1);
			}
			if (path.isEmpty()) {
				throw fail("missing database name (expected .../<database> after the host)");
			}
			if (tail.indexOf('#') >= 0) {
				throw fail("\"#\" is not allowed after the host (percent-encode it as %23)");
			}
			if (path.indexOf('/') >= 0) {
				throw fail("database name must not contain \"/\" (percent-encode it as %2F)", path);
			}
			String database = percentDecode(path, false);
			if (database == null) {
				throw fail("database name is not valid percent-encoding", path);
			}
			if (hasControlCharacter(database)) {
				throw fail("database name must not contain control characters", path);
			}
			Map<String, String> parameters = parseQuery(query);
			return new DatabaseUrl(user, password, host, port, database,
					intParameter(parameters, CONNECTION_LIMIT, DEFAULT_CONNECTION_LIMIT, 1, MAX_CONNECTION_LIMIT,
							CONNECTION_LIMIT_RULE),
					Duration.ofSeconds(intParameter(parameters, POOL_TIMEOUT, DEFAULT_POOL_TIMEOUT.toSeconds(), 0,
							MAX_TIMEOUT_SECONDS, POOL_TIMEOUT_RULE)),
					sslMode(parameters), pgbouncer(parameters), nameParameter(parameters, SCHEMA, DEFAULT_SCHEMA),
					Duration.ofSeconds(intParameter(parameters, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT.toSeconds(), 0,
							MAX_TIMEOUT_SECONDS, CONNECT_TIMEOUT_RULE)),
					nameParameter(parameters, APPLICATION_NAME, DEFAULT_APPLICATION_NAME),
					Duration.ofMillis(intParameter(parameters, STATEMENT_TIMEOUT, 0, 0, Integer.MAX_VALUE,
							STATEMENT_TIMEOUT_RULE)));
		}

		private Map<String, String> parseQuery(String query) {
			Map<String, String> parameters = new LinkedHashMap<>();
			if (query == null) {
				return parameters;
			}
			for (String pair : query.split("&", -1)) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String rawName = (equals < 0) ? pair : pair.substring(0, equals);
				String name = percentDecode(rawName, true);
				if (name == null) {
					throw fail("parameter name is not valid percent-encoding", rawName);
				}
				if (!PARAMETERS.contains(name)) {
					throw fail(this.echo ? "unknown parameter " + quote(name) : "unknown parameter");
				}
				if (equals < 0) {
					throw fail("parameter \"" + name + "\" needs a value, e.g. " + name + "=...");
				}
				if (parameters.containsKey(name)) {
					throw fail("parameter \"" + name + "\" is given more than once");
				}
				String rawValue = pair.substring(equals + 1);
				String value = percentDecode(rawValue, true);
				if (value == null) {
					throw fail(name + " is not valid percent-encoding", rawValue);
				}
				parameters.put(name, value);
			}
			return parameters;
		}

		private long intParameter(Map<String, String> parameters, String name, long defaultValue, long min, long max,
				String rule) {
			String raw = parameters.get(name);
			if (raw == null) {
				return defaultValue;
			}
			Long value = wholeNumber(raw, min, max);
			if (value == null) {
				throw fail(rule, raw);
			}
			return value;
		}

		private int intParameter(Map<String, String> parameters, String name, int defaultValue, int min, int max,
				String rule) {
			return (int) intParameter(parameters, name, (long) defaultValue, min, max, rule);
		}

		private String sslMode(Map<String, String> parameters) {
			String value = parameters.getOrDefault(SSLMODE, DEFAULT_SSL_MODE);
			if (!SSL_MODES.contains(value)) {
				throw fail(SSLMODE_RULE, value);
			}
			return value;
		}

		private boolean pgbouncer(Map<String, String> parameters) {
			String value = parameters.getOrDefault(PGBOUNCER, "false");
			if (!value.equals("true") && !value.equals("false")) {
				throw fail(PGBOUNCER_RULE, value);
			}
			return value.equals("true");
		}

		private String nameParameter(Map<String, String> parameters, String name, String defaultValue) {
			String value = parameters.getOrDefault(name, defaultValue);
			if (value.isEmpty()) {
				throw fail(name + " must not be empty");
			}
			if (hasControlCharacter(value)) {
				throw fail(name + " must not contain control characters", value);
			}
			return value;
		}

		/**
		 * Returns the value of a plain decimal number (no sign, no spaces) in the range,
		 * or {@code null}.
		 */
		private static Long wholeNumber(String text, long min, long max) {
			if (text.isEmpty() || text.length() > 12 || !text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
				return null;
			}
			long value = Long.parseLong(text);
			return (value < min || value > max) ? null : value;
		}

		private static int indexOfAny(String text, String characters) {
			for (int i = 0; i < text.length(); i++) {
				if (characters.indexOf(text.charAt(i)) >= 0) {
					return i;
				}
			}
			return -1;
		}

		private InvalidDatabaseUrlException fail(String rule) {
			return invalid(this.echo ? rule : rule + SLASH_IN_PASSWORD_HINT);
		}

		private InvalidDatabaseUrlException fail(String rule, String got) {
			return this.echo ? invalid(rule + ", got " + quote(got)) : fail(rule);
		}

	}

}
