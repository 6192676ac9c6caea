package io.inkwell.ops;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import io.inkwell.InkwellApplication;
import io.inkwell.db.DatabaseUrl;
import io.inkwell.migrate.DevDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dev default: no DATABASE_URL, an embedded PostgreSQL, changesets and demo seed
 * applied (the demo logins work), a generated JWT secret, HTTP on 127.0.0.1 only.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevModeIntegrationTests {

	@Test
	void servesOnEmbeddedDatabaseWithDemoDataAndStopsItOnClose(@TempDir Path dataDirectory, CapturedOutput output)
			throws Exception {
		Map<String, String> environment = Map.of("INKWELL_DEV_DATA_DIR", dataDirectory.resolve("pg").toString());
		DevDatabase dev = DevDatabase.start(environment);
		int databasePort = Integer.parseInt(dev.databaseUrl().replaceAll(".*:(\\d+)/.*", "$1"));
		ConfigurableApplicationContext application = new SpringApplicationBuilder(InkwellApplication.class)
			.initializers(dev)
			.run("--server.port=0");
		try {
			String port = application.getEnvironment().getProperty("local.server.port");
			// loopback only unless server.address is set, and the log says so in one line
			assertThat(application.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
			assertThat(output.getOut()).contains("Dev mode listens on 127.0.0.1:" + port
					+ " (this machine only; set server.address to listen elsewhere)");
			InetAddress external = nonLoopbackAddress();
			if (external != null) {
				assertThatThrownBy(() -> new Socket(external, Integer.parseInt(port)).close())
					.isInstanceOf(IOException.class);
			}
			WebTestClient client = client("http://127.0.0.1:" + port);
			expectReady(client);
			// the demo admin logs in with the documented password; listing and creating
			// users is ADMIN work
			String token = client.post()
				.uri("/api/auth/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", "admin@example.com", "password", "demo-password"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody()
				.get("token")
				.toString();
			client = client.mutate().defaultHeader("Authorization", "Bearer " + token).build();
			client.get()
				.uri("/api/users?limit=100")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.data[*].email")
				.value((java.util.List<String> emails) -> assertThat(emails).contains("admin@example.com",
						"moderator@example.com", "alice@example.com", "bob@example.com"));
			client.post()
				.uri("/api/users")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", "newcomer@example.com", "name", "Newcomer"))
				.exchange()
				.expectStatus()
				.isCreated();
		}
		finally {
			application.close();
		}
		assertThatThrownBy(() -> new Socket("127.0.0.1", databasePort).close()).isInstanceOf(IOException.class);

		// the next start finds the data of the last one, and a server set up for the
		// dashboard and for safety
		DevDatabase again = DevDatabase.start(environment);
		ConfigurableApplicationContext closer = new SpringApplicationBuilder(Closer.class).initializers(again)
			.web(WebApplicationType.NONE)
			.run("--server.address=0.0.0.0");
		DatabaseUrl url = DatabaseUrl.parse(again.databaseUrl());
		// an explicit server.address wins over dev mode's loopback default
		assertThat(closer.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
		try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
				Statement statement = connection.createStatement()) {
			assertThat(single(statement, "SELECT count(*) FROM users WHERE email = 'newcomer@example.com'"))
				.isEqualTo("1");
			assertThat(single(statement, "SHOW shared_preload_libraries")).contains("pg_stat_statements");
			assertThat(single(statement, "SHOW fsync")).isEqualTo("on");
			assertThat(single(statement, "SHOW max_connections")).isEqualTo("200");
		}
		finally {
			closer.close();
		}
	}

	@Test
	void servesHealthAndMetricsOnASeparateManagementPortOnLoopbackAndSaysWhere(@TempDir Path dataDirectory,
			CapturedOutput output) throws Exception {
		DevDatabase dev = DevDatabase.start(Map.of("INKWELL_DEV_DATA_DIR", dataDirectory.resolve("pg").toString()));
		ConfigurableApplicationContext application = new SpringApplicationBuilder(InkwellApplication.class)
			.initializers(dev)
			.run("--server.port=0", "--management.server.port=0");
		try {
			String port = application.getEnvironment().getProperty("local.server.port");
			String management = application.getEnvironment().getProperty("local.management.port");
			assertThat(management).isNotNull().isNotEqualTo(port);
			// the welcome lines name the port each URL is served on
			assertThat(output.getOut())
				.contains("health           http://127.0.0.1:" + management + "/actuator/health/readiness")
				.contains("metrics          http://127.0.0.1:" + management + "/actuator/prometheus")
				.contains("ops dashboard    http://127.0.0.1:" + port + "/ops");
			expectReady(client("http://127.0.0.1:" + management));
			// like the API, the management port listens on this machine only
			InetAddress external = nonLoopbackAddress();
			if (external != null) {
				assertThatThrownBy(() -> new Socket(external, Integer.parseInt(management)).close())
					.isInstanceOf(IOException.class);
			}
		}
		finally {
			application.close();
		}
	}

	@Test
	void refusesAPortInUseWithAClearMessage() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThatThrownBy(
					() -> DevDatabase.start(Map.of("INKWELL_DEV_DB_PORT", String.valueOf(taken.getLocalPort()))))
				.isInstanceOf(DevDatabase.Unavailable.class)
				.hasMessage("INKWELL_DEV_DB_PORT " + taken.getLocalPort() + " is in use on 127.0.0.1; choose another"
						+ " port, or unset INKWELL_DEV_DB_PORT for a free one");
		}
		assertThatThrownBy(() -> DevDatabase.start(Map.of("INKWELL_DEV_DB_PORT", "http")))
			.isInstanceOf(DevDatabase.Unavailable.class)
			.hasMessageStartingWith("INKWELL_DEV_DB_PORT must be a port number");
	}

	@Test
	void refusesADataDirectoryOfAnotherUser(@TempDir Path parent) throws IOException {
		// as root, only root can hand a directory to someone else (here nobody, as the
		// old launcher did)
		assumeTrue("root".equals(System.getProperty("user.name")), "needs root to chown");
		Path data = Files.createDirectory(parent.resolve("pg"));
		Files.setAttribute(data, "unix:uid", 65534);
		assertThatThrownBy(() -> DevDatabase.start(Map.of("INKWELL_DEV_DATA_DIR", data.toString())))
			.isInstanceOf(DevDatabase.Unavailable.class)
			.hasMessageStartingWith("the dev database directory " + data + " belongs to ")
			.hasMessageContaining("not to root who runs dev mode");
	}

	@Test
	void saysInOneLineThatAJarWithoutTheEmbeddedPostgresCannotRunDevMode() {
		// the application's class loader has zonky (an optional dependency); the
		// repackaged jar has not
		assertThat(InkwellApplication.checkDevDatabase(DevModeIntegrationTests.class.getClassLoader())).isNull();
		ClassLoader withoutZonky = new ClassLoader(null) {
		};
		assertThat(InkwellApplication.checkDevDatabase(withoutZonky))
			.startsWith("dev mode (no DATABASE_URL) needs the embedded PostgreSQL")
			.contains("./mvnw spring-boot:run", "-P dev-jar")
			.doesNotContain("\n");
	}

	/** An address of this machine that is not loopback, or null when it has none. */
	private static WebTestClient client(String baseUrl) {
		return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(20)).build();
	}

	private static void expectReady(WebTestClient client) {
		client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	private static InetAddress nonLoopbackAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address) {
					return address;
				}
			}
		}
		return null;
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet rows = statement.executeQuery(sql)) {
			assertThat(rows.next()).isTrue();
			return rows.getString(1);
		}
	}

	/**
	 * A context without beans, only to close the dev database as the application does.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Closer {

	}

}
