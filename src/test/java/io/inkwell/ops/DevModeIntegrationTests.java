package io.inkwell.ops;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.inkwell.InkwellApplication;
import io.inkwell.migrate.DevDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dev default: no DATABASE_URL, an embedded PostgreSQL, changesets and demo seed applied (the
 * demo logins work), a generated JWT secret.
 */
class DevModeIntegrationTests {

	@Test
	void servesOnEmbeddedDatabaseWithDemoDataAndStopsItOnClose(@TempDir Path dataDirectory) throws IOException {
		Files.setPosixFilePermissions(dataDirectory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
		DevDatabase dev = DevDatabase.start(Map.of("INKWELL_DEV_DATA_DIR", dataDirectory.resolve("pg").toString()));
		String url = dev.databaseUrl();
		int databasePort = Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1"));
		ConfigurableApplicationContext application = new SpringApplicationBuilder(InkwellApplication.class)
			.initializers(dev)
			.run("--server.port=0");
		try {
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + application.getEnvironment().getProperty("local.server.port"))
				.responseTimeout(Duration.ofSeconds(20))
				.build();
			client.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP");
			// the demo admin logs in with the documented password; listing and creating users is ADMIN work
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
	}

}
