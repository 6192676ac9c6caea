package io.inkwell.db;

import java.time.Duration;
import java.util.Properties;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.Driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTests {

	private static final String SECRET = "s3cr3t-P@ss";

	private static final String SECRET_ENCODED = "s3cr3t-P%40ss";

	@Test
	void parsesPrismaStyleUrlWithAllParameters() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://inkwell:hunter2@db.example.com:6543/inkwell_prod"
				+ "?connection_limit=25&pool_timeout=30&sslmode=require&pgbouncer=true&schema=app"
				+ "&connect_timeout=5&application_name=inkwell-web&statement_timeout=15000");
		assertThat(url.user()).isEqualTo("inkwell");
		assertThat(url.password()).isEqualTo("hunter2");
		assertThat(url.host()).isEqualTo("db.example.com");
		assertThat(url.port()).isEqualTo(6543);
		assertThat(url.database()).isEqualTo("inkwell_prod");
		assertThat(url.connectionLimit()).isEqualTo(25);
		assertThat(url.poolTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(url.sslMode()).isEqualTo("require");
		assertThat(url.pgbouncer()).isTrue();
		assertThat(url.schema()).isEqualTo("app");
		assertThat(url.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(url.applicationName()).isEqualTo("inkwell-web");
		assertThat(url.statementTimeout()).isEqualTo(Duration.ofMillis(15000));
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "postgres", "r2dbc:postgresql", "r2dbc:postgres", "PostgreSQL" })
	void acceptsEverySchemeSpelling(String scheme) {
		DatabaseUrl url = DatabaseUrl.parse(scheme
				+ "://user:pass@host:5432/db?connection_limit=10&pool_timeout=10&sslmode=require&pgbouncer=true");
		assertThat(url).isEqualTo(new DatabaseUrl("user", "pass", "host", 5432, "db", 10, Duration.ofSeconds(10),
				"require", true, "public", Duration.ofSeconds(10), "inkwell", Duration.ZERO));
	}

	@Test
	void appliesDefaults() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://localhost/inkwell");
		assertThat(url.user()).isNull();
		assertThat(url.password()).isNull();
		assertThat(url.host()).isEqualTo("localhost");
		assertThat(url.port()).isEqualTo(5432);
		assertThat(url.database()).isEqualTo("inkwell");
		assertThat(url.connectionLimit()).isEqualTo(10);
		assertThat(url.poolTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(url.sslMode()).isEqualTo("prefer");
		assertThat(url.pgbouncer()).isFalse();
		assertThat(url.schema()).isEqualTo("public");
		assertThat(url.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(url.applicationName()).isEqualTo("inkwell");
		assertThat(url.statementTimeout()).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresSurroundingWhitespaceAndEmptyParameters() {
		DatabaseUrl url = DatabaseUrl.parse("  postgresql://host/db?&connection_limit=3&\n");
		assertThat(url.database()).isEqualTo("db");
		assertThat(url.connectionLimit()).isEqualTo(3);
		assertThat(DatabaseUrl.parse("postgresql://host/db?").database()).isEqualTo("db");
	}

	@Test
	void decodesPercentEncodedUserPasswordAndDatabase() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%40ss%3Aw%2Fo%25rd%C3%A9@host/my%20db%2Bx");
		assertThat(url.user()).isEqualTo("us@er");
		assertThat(url.password()).isEqualTo("p@ss:w/o%rdé");
		assertThat(url.database()).isEqualTo("my db+x");
	}

	@Test
	void splitsUserInfoAtLastAtSignAndFirstColon() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://user:p@ss:w@rd?#x@host:5433/db");
		assertThat(url.user()).isEqualTo("user");
		assertThat(url.password()).isEqualTo("p@ss:w@rd?#x");
		assertThat(url.host()).isEqualTo("host");
		assertThat(url.port()).isEqualTo(5433);
		assertThat(url.database()).isEqualTo("db");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null",
			value = { "postgresql://user@host/db, user, null", "postgresql://user:@host/db, user, null",
					"postgresql://:pass@host/db, null, pass", "postgresql://@host/db, null, null",
					"postgresql://host/db, null, null" })
	void treatsUserAndPasswordAsOptional(String text, String user, String password) {
		DatabaseUrl url = DatabaseUrl.parse(text);
		assertThat(url.user()).isEqualTo(user);
		assertThat(url.password()).isEqualTo(password);
	}

	@ParameterizedTest
	@CsvSource({ "postgresql://u:p@[::1]:6543/db, ::1, 6543", "postgresql://[2001:db8::1]/db, 2001:db8::1, 5432",
			"postgresql://[::ffff:10.0.0.1]:1/db, ::ffff:10.0.0.1, 1" })
	void parsesBracketedIpv6Host(String text, String host, int port) {
		DatabaseUrl url = DatabaseUrl.parse(text);
		assertThat(url.host()).isEqualTo(host);
		assertThat(url.port()).isEqualTo(port);
		assertThat(url.database()).isEqualTo("db");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 5432, 65535 })
	void acceptsPortsInRange(int port) {
		assertThat(DatabaseUrl.parse("postgresql://host:" + port + "/db").port()).isEqualTo(port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "disable", "allow", "prefer", "require", "verify-ca", "verify-full" })
	void acceptsEverySslMode(String mode) {
		assertThat(DatabaseUrl.parse("postgresql://host/db?sslmode=" + mode).sslMode()).isEqualTo(mode);
	}

	@ParameterizedTest
	@CsvSource({ "connection_limit=1, 1", "connection_limit=1000, 1000", "connection_limit=007, 7" })
	void acceptsConnectionLimitsInRange(String parameter, int expected) {
		assertThat(DatabaseUrl.parse("postgresql://host/db?" + parameter).connectionLimit()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "0, PT0S", "3600, PT1H" })
	void acceptsPoolTimeoutsInRange(String seconds, Duration expected) {
		assertThat(DatabaseUrl.parse("postgresql://host/db?pool_timeout=" + seconds).poolTimeout()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "true, true", "false, false" })
	void acceptsPgbouncerFlag(String value, boolean expected) {
		assertThat(DatabaseUrl.parse("postgresql://host/db?pgbouncer=" + value).pgbouncer()).isEqualTo(expected);
	}

	@Test
	void acceptsZeroTimeoutsAndDecodesParameterValues() {
		DatabaseUrl url = DatabaseUrl.parse(
				"postgresql://host/db?connect_timeout=0&statement_timeout=0&application_name=ink+well%2Fapi&schema=my%20schema");
		assertThat(url.connectTimeout()).isEqualTo(Duration.ZERO);
		assertThat(url.statementTimeout()).isEqualTo(Duration.ZERO);
		assertThat(url.applicationName()).isEqualTo("ink well/api");
		assertThat(url.schema()).isEqualTo("my schema");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\t\n" })
	void rejectsEmptyInput(String text) {
		assertInvalid(text).hasMessage("DATABASE_URL: is empty");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"mysql://user:pass@host/db | DATABASE_URL: unknown scheme \"mysql\"; expected postgresql://, postgres:// or r2dbc:postgresql://",
			"jdbc:postgresql://host/db | DATABASE_URL: unknown scheme \"jdbc:postgresql\"; expected postgresql://, postgres:// or r2dbc:postgresql://",
			"r2dbc:mysql://host/db | DATABASE_URL: unknown scheme \"r2dbc:mysql\"; expected postgresql://, postgres:// or r2dbc:postgresql://",
			"://host/db | DATABASE_URL: unknown scheme; expected postgresql://, postgres:// or r2dbc:postgresql://",
			"host:5432/db | DATABASE_URL: must start with postgresql://, postgres:// or r2dbc:postgresql://",
			"postgresql:/host/db | DATABASE_URL: must start with postgresql://, postgres:// or r2dbc:postgresql://",
			"'\"postgresql://host/db\"' | DATABASE_URL: must not be wrapped in quotes" })
	void rejectsUnknownScheme(String text, String message) {
		assertInvalid(text).hasMessage(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql:///db", "postgresql://user:pass@/db", "postgresql://user:pass@:5432/db",
			"postgresql://[]:5432/db", "postgresql://" })
	void rejectsMissingHost(String text) {
		assertInvalid(text).hasMessage("DATABASE_URL: missing host");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "postgresql://bad host/db | DATABASE_URL: invalid host, got \"bad host\"",
			"postgresql://h1,h2/db | DATABASE_URL: invalid host, got \"h1,h2\"",
			"postgresql://::1/db | DATABASE_URL: invalid host (write an IPv6 address in brackets, e.g. [::1]), got \"::1\"",
			"postgresql://[::1/db | DATABASE_URL: IPv6 host is missing \"]\", got \"[::1\"",
			"postgresql://[::1]x/db | DATABASE_URL: invalid host, got \"[::1]x\"",
			"postgresql://[host]/db | DATABASE_URL: invalid IPv6 host, got \"[host]\"" })
	void rejectsInvalidHost(String text, String message) {
		assertInvalid(text).hasMessage(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "0", "65536", "", "-1", "+1", " 1", "99999999999999999999", "54.3" })
	void rejectsBadPort(String port) {
		assertInvalid("postgresql://user:pass@host:" + port + "/db")
			.hasMessage("DATABASE_URL: port must be a whole number from 1 to 65535, got \"" + port + "\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql://host", "postgresql://host/", "postgresql://host/?sslmode=require",
			"postgresql://host?sslmode=require", "postgresql://user:pass@host:5432",
			"postgresql://user:pass@host:5432?sslmode=require/x" })
	void rejectsMissingDatabase(String text) {
		assertInvalid(text).hasMessage("DATABASE_URL: missing database name (expected .../<database> after the host)");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"postgresql://host/db/extra | DATABASE_URL: database name must not contain \"/\" (percent-encode it as %2F), got \"db/extra\"",
			"postgresql://host/db#x | DATABASE_URL: \"#\" is not allowed after the host (percent-encode it as %23)",
			"postgresql://host/db%00 | DATABASE_URL: database name must not contain control characters, got \"db%00\"" })
	void rejectsBadDatabaseName(String text, String message) {
		assertInvalid(text).hasMessage(message);
	}

	@Test
	void rejectsNonNumericConnectionLimit() {
		assertInvalid("postgresql://host/db?connection_limit=ten")
			.hasMessage("DATABASE_URL: connection_limit must be a whole number from 1 to 1000, got \"ten\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "1001", "-1", "1.5", "", "5x", "99999999999999", "1e3" })
	void rejectsOutOfRangeConnectionLimit(String value) {
		assertInvalid("postgresql://host/db?connection_limit=" + value)
			.hasMessage("DATABASE_URL: connection_limit must be a whole number from 1 to 1000, got \"" + value + "\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ten", "-1", "3601", "1.5", "", "10s" })
	void rejectsBadPoolTimeout(String value) {
		assertInvalid("postgresql://host/db?pool_timeout=" + value).hasMessage(
				"DATABASE_URL: pool_timeout must be a whole number of seconds from 0 to 3600, got \"" + value + "\"");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"connect_timeout=3601 | DATABASE_URL: connect_timeout must be a whole number of seconds from 0 to 3600, got \"3601\"",
			"connect_timeout=soon | DATABASE_URL: connect_timeout must be a whole number of seconds from 0 to 3600, got \"soon\"",
			"statement_timeout=2147483648 | DATABASE_URL: statement_timeout must be a whole number of milliseconds from 0 to 2147483647, got \"2147483648\"",
			"statement_timeout=5s | DATABASE_URL: statement_timeout must be a whole number of milliseconds from 0 to 2147483647, got \"5s\"",
			"schema= | DATABASE_URL: schema must not be empty",
			"application_name= | DATABASE_URL: application_name must not be empty",
			"application_name=a%0Ab | DATABASE_URL: application_name must not contain control characters, got \"a\\u000ab\"" })
	void rejectsBadOptionalParameters(String parameter, String message) {
		assertInvalid("postgresql://host/db?" + parameter).hasMessage(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "requires", "REQUIRE", "", "verify_full", "true" })
	void rejectsBadSslMode(String value) {
		assertInvalid("postgresql://host/db?sslmode=" + value)
			.hasMessage("DATABASE_URL: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full,"
					+ " got \"" + value + "\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "1", "TRUE", "", "on" })
	void rejectsBadPgbouncerValue(String value) {
		assertInvalid("postgresql://host/db?pgbouncer=" + value)
			.hasMessage("DATABASE_URL: pgbouncer must be true or false, got \"" + value + "\"");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "conection_limit=10 | DATABASE_URL: unknown parameter \"conection_limit\"",
					"sslMode=require | DATABASE_URL: unknown parameter \"sslMode\"",
					"socket_timeout=5 | DATABASE_URL: unknown parameter \"socket_timeout\"",
					"sslmode | DATABASE_URL: parameter \"sslmode\" needs a value, e.g. sslmode=...",
					"sslmode=require&sslmode=disable | DATABASE_URL: parameter \"sslmode\" is given more than once" })
	void rejectsUnknownMissingOrRepeatedParameter(String query, String message) {
		assertInvalid("postgresql://host/db?" + query).hasMessage(message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"postgresql://us%zzer:pass@host/db | DATABASE_URL: user name is not valid percent-encoding",
			"postgresql://user:pa%4@host/db | DATABASE_URL: password is not valid percent-encoding",
			"postgresql://user:pass%C3@host/db | DATABASE_URL: password is not valid percent-encoding",
			"postgresql://host/d%b | DATABASE_URL: database name is not valid percent-encoding, got \"d%b\"",
			"postgresql://host/db?application_name=%E2%82 | DATABASE_URL: application_name is not valid percent-encoding, got \"%E2%82\"",
			"postgresql://host/db?ssl%mode=require | DATABASE_URL: parameter name is not valid percent-encoding, got \"ssl%mode\"" })
	void rejectsBadPercentEncoding(String text, String message) {
		assertInvalid(text).hasMessage(message);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// the password itself is malformed
			"postgresql://user:s3cr3t-P%@ss@host/db", "postgresql://user:s3cr3t-P%4@host/db",
			"postgresql://user:s3cr3t-P%40ss%ZZ@host/db",
			// other errors in a URL with a raw or encoded password
			"mysql://user:s3cr3t-P@ss@host/db", "postgresql://user:s3cr3t-P@ss@/db",
			"postgresql://user:s3cr3t-P%40ss@host:port/db", "postgresql://user:s3cr3t-P@ss@host:5432",
			"postgresql://user:s3cr3t-P@ss@host/db?connection_limit=ten",
			"postgresql://user:s3cr3t-P%40ss@host/db?pool_timeout=-1",
			"postgresql://user:s3cr3t-P@ss@host/db?sslmode=on", "postgresql://user:s3cr3t-P@ss@host/db?pgbouncer=1",
			"postgresql://user:s3cr3t-P@ss@host/db?conection_limit=10", "postgresql://user:s3cr3t-P@ss@host/d%b",
			"postgresql://user:s3cr3t-P@ss@bad host/db", "postgresql://user:s3cr3t-P@ss@[::1/db",
			// no scheme: the text before "://" may be part of the password
			"user:s3cr3t-P@ss@host/db", "user:s3cr3t-P://x@ss@host/db",
			// an unencoded "/" in the password splits the URL in the wrong place
			"postgresql://user:s3cr3t/P@ss@host/db", "postgresql://user:1234/s3cr3t-P@ss@host/db",
			"postgresql://user:s3cr3t-P@ss/x@host/db", "postgresql://user:s3cr3t-P/x@ss@host/db?sslmode=require",
			"postgresql://user:x/s3cr3t-P?ss@host/db", "postgresql://user:x/s3cr3t-P?a=b&@ss@host/db",
			"postgresql://s3cr3t-P/@ss@host/db", "postgresql://user:[s3cr3t/P@ss@host/db",
			"postgresql://user:s3cr3t-P%40ss@host/db/x@y" })
	void neverPrintsPasswordInErrors(String text) {
		assertInvalid(text).satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cr3t", "P@ss", "P%40ss",
				"P%4", "P%", "P/", "P?", "@ss", "ss@"));
	}

	@Test
	void namesPasswordRuleWithoutEchoingPassword() {
		assertInvalid("postgresql://user:" + SECRET_ENCODED + "%ZZ@host/db")
			.hasMessage("DATABASE_URL: password is not valid percent-encoding");
	}

	@Test
	void hintsAtEncodingSlashWhenPasswordLooksSplit() {
		assertInvalid("postgresql://user:s3cr3t/P@ss@host/db").hasMessage(
				"DATABASE_URL: port must be a whole number from 1 to 65535 (if the password contains \"/\", percent-encode it as %2F)");
	}

	@Test
	void acceptsAtSignInParameterValue() {
		assertThat(DatabaseUrl.parse("postgresql://host/db?application_name=me@corp").applicationName())
			.isEqualTo("me@corp");
	}

	@Test
	void redactsPassword() {
		DatabaseUrl url = DatabaseUrl.parse("r2dbc:postgres://inkwell:" + SECRET_ENCODED + "@db:5432/inkwell");
		assertThat(url.password()).isEqualTo(SECRET);
		assertThat(url.redacted()).isEqualTo("postgresql://inkwell:****@db:5432/inkwell");
		assertThat(url.toString()).isEqualTo(url.redacted());
		assertThat(url.toString()).doesNotContain("s3cr3t", SECRET, SECRET_ENCODED);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "postgresql://host/db | postgresql://host:5432/db",
			"postgres://me@host:1/db | postgresql://me@host:1/db",
			"postgresql://:" + SECRET_ENCODED + "@[::1]/db | postgresql://:****@[::1]:5432/db",
			"postgresql://m%40e:" + SECRET_ENCODED + "@host/my%20db | postgresql://m%40e:****@host:5432/my%20db",
			"postgresql://u:p@host/db?sslmode=prefer&connection_limit=10&pool_timeout=10&pgbouncer=false"
					+ " | postgresql://u:****@host:5432/db",
			"postgresql://u:p@host/db?statement_timeout=500&pgbouncer=true&connection_limit=3&application_name=a+b"
					+ "&connect_timeout=2&schema=s&sslmode=require&pool_timeout=0"
					+ " | postgresql://u:****@host:5432/db?connection_limit=3&pool_timeout=0&sslmode=require"
					+ "&pgbouncer=true&schema=s&connect_timeout=2&application_name=a%20b&statement_timeout=500" })
	void redactsToCanonicalFormWithNonDefaultParameters(String text, String redacted) {
		assertThat(DatabaseUrl.parse(text).redacted()).isEqualTo(redacted);
	}

	@Test
	void readsRedactedFormBack() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://m%40e:" + SECRET_ENCODED
				+ "@[::1]:6000/my%2Fdb?statement_timeout=500&pgbouncer=true&application_name=a%26b%3Dc&schema=%C3%A9");
		assertThat(DatabaseUrl.parse(url.redacted())).isEqualTo(new DatabaseUrl(url.user(), "****", url.host(),
				url.port(), url.database(), url.connectionLimit(), url.poolTimeout(), url.sslMode(), url.pgbouncer(),
				url.schema(), url.connectTimeout(), url.applicationName(), url.statementTimeout()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql://host/db", "postgres://me@host:1/db",
			"r2dbc:postgresql://m%40e:p%40ss%3Aw%2Fo%25rd%20%C3%A9@[::1]:6000/my%2Fdb?statement_timeout=500"
					+ "&pgbouncer=true&application_name=a%26b%3Dc&schema=%C3%A9&connection_limit=1000&pool_timeout=0"
					+ "&sslmode=verify-full&connect_timeout=3600",
			"postgresql://user:p@ss:w@rd?#x@host:5433/db" })
	void writesFullUrlThatReadsBackEqual(String text) {
		DatabaseUrl url = DatabaseUrl.parse(text);
		assertThat(url.toUrlString()).startsWith("postgresql://");
		assertThat(DatabaseUrl.parse(url.toUrlString())).isEqualTo(url);
	}

	@Test
	void writesFullUrlWithEncodedPassword() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://inkwell:" + SECRET + "@db/inkwell?sslmode=require");
		assertThat(url.toUrlString())
			.isEqualTo("postgresql://inkwell:" + SECRET_ENCODED + "@db:5432/inkwell?sslmode=require");
		assertThat(url.withDatabase("other").toUrlString())
			.isEqualTo("postgresql://inkwell:" + SECRET_ENCODED + "@db:5432/other?sslmode=require");
	}

	@Test
	void buildsJdbcUrlWithoutCredentials() {
		DatabaseUrl url = DatabaseUrl
			.parse("postgresql://inkwell:" + SECRET_ENCODED + "@db.example.com:6543/inkwell?sslmode=require");
		assertThat(url.jdbcUrl())
			.isEqualTo("jdbc:postgresql://db.example.com:6543/inkwell?sslmode=require&ApplicationName=inkwell"
					+ "&connectTimeout=10");
		assertThat(url.jdbcUrl()).doesNotContain("inkwell:", "s3cr3t", "P%40ss");
	}

	@Test
	void buildsJdbcUrlWithSchemaPgbouncerEncodingAndIpv6() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://[::1]:6000/my%20db%26x?schema=app&pgbouncer=true"
				+ "&application_name=ink+well&connect_timeout=3&statement_timeout=100");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6000/my+db%26x?sslmode=prefer"
				+ "&ApplicationName=ink+well&connectTimeout=3&currentSchema=app&prepareThreshold=0");
	}

	@Test
	void jdbcUrlIsReadByPostgresDriver() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@[::1]:6000/my%20db%26x?sslmode=verify-full"
				+ "&application_name=ink+well%2Fapi&schema=s%C3%A9&pgbouncer=true&connect_timeout=7");
		Properties properties = Driver.parseURL(url.jdbcUrl(), null);
		assertThat(properties).isNotNull();
		assertThat(properties.getProperty("PGHOST")).isEqualTo("[::1]");
		assertThat(properties.getProperty("PGPORT")).isEqualTo("6000");
		assertThat(properties.getProperty("PGDBNAME")).isEqualTo("my db&x");
		assertThat(properties.getProperty("sslmode")).isEqualTo("verify-full");
		assertThat(properties.getProperty("ApplicationName")).isEqualTo("ink well/api");
		assertThat(properties.getProperty("connectTimeout")).isEqualTo("7");
		assertThat(properties.getProperty("currentSchema")).isEqualTo("sé");
		assertThat(properties.getProperty("prepareThreshold")).isEqualTo("0");
		assertThat(properties).doesNotContainKeys("user", "password");
	}

	@Test
	void putsCredentialsInJdbcProperties() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://in%40kwell:" + SECRET_ENCODED + "@host/db");
		Properties properties = url.jdbcProperties();
		assertThat(properties).hasSize(2);
		assertThat(properties.getProperty("user")).isEqualTo("in@kwell");
		assertThat(properties.getProperty("password")).isEqualTo(SECRET);
		properties.clear();
		assertThat(url.jdbcProperties()).hasSize(2);
	}

	@Test
	void leavesAbsentCredentialsOutOfJdbcProperties() {
		assertThat(DatabaseUrl.parse("postgresql://host/db").jdbcProperties()).isEmpty();
		assertThat(DatabaseUrl.parse("postgresql://me@host/db").jdbcProperties()).containsOnlyKeys("user");
	}

	@Test
	void switchesDatabaseKeepingServerAndSettings() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://u:" + SECRET_ENCODED
				+ "@host:6000/inkwell?connection_limit=4&pool_timeout=2&sslmode=disable&pgbouncer=true&schema=s"
				+ "&connect_timeout=3&application_name=t&statement_timeout=9");
		DatabaseUrl other = url.withDatabase("inkwell_test_42 é");
		assertThat(other.database()).isEqualTo("inkwell_test_42 é");
		assertThat(other).usingRecursiveComparison().ignoringFields("database").isEqualTo(url);
		assertThat(url.database()).isEqualTo("inkwell");
		assertThat(other.redacted()).isEqualTo("postgresql://u:****@host:6000/inkwell_test_42%20%C3%A9"
				+ "?connection_limit=4&pool_timeout=2&sslmode=disable&pgbouncer=true&schema=s&connect_timeout=3"
				+ "&application_name=t&statement_timeout=9");
	}

	@ParameterizedTest
	@NullAndEmptySource
	void rejectsMissingDatabaseInWithDatabase(String name) {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://host/db");
		assertThatThrownBy(() -> url.withDatabase(name)).isInstanceOf(InvalidDatabaseUrlException.class)
			.hasMessage("DATABASE_URL: missing database name (expected .../<database> after the host)");
	}

	@Test
	void validatesDirectConstruction() {
		assertThatThrownBy(() -> new DatabaseUrl("u", SECRET, "host", 5432, "db", 0, Duration.ofSeconds(10), "prefer",
				false, "public", Duration.ofSeconds(10), "inkwell", Duration.ZERO))
			.isInstanceOf(InvalidDatabaseUrlException.class)
			.hasMessage("DATABASE_URL: connection_limit must be a whole number from 1 to 1000, got \"0\"");
		assertThatThrownBy(() -> new DatabaseUrl("u", SECRET, "host", 5432, "db", 10, Duration.ofSeconds(10), "REQUIRE",
				false, "public", Duration.ofSeconds(10), "inkwell", Duration.ZERO))
			.isInstanceOf(InvalidDatabaseUrlException.class)
			.hasMessageContaining("sslmode must be one of");
		assertThatThrownBy(() -> new DatabaseUrl("u", SECRET, "[::1]", 5432, "db", 10, Duration.ofSeconds(10), "prefer",
				false, "public", Duration.ofSeconds(10), "inkwell", Duration.ofMillis(-1)))
			.isInstanceOf(InvalidDatabaseUrlException.class)
			.hasMessage("DATABASE_URL: invalid host \"[::1]\"");
		assertThat(new DatabaseUrl("", "", "::1", 5432, "db", 10, Duration.ofSeconds(10), "prefer", false, "public",
				Duration.ofSeconds(10), "inkwell", Duration.ZERO))
			.isEqualTo(DatabaseUrl.parse("postgresql://[::1]/db"));
	}

	private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String text) {
		return assertThatThrownBy(() -> DatabaseUrl.parse(text)).isInstanceOf(InvalidDatabaseUrlException.class)
			.isInstanceOf(IllegalArgumentException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("DATABASE_URL: ").doesNotContain("\n", "\r"));
	}

}
