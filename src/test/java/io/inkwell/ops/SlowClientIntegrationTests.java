package io.inkwell.ops;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.inkwell.netty.Admission;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow clients hold no database connection: with a pool of one connection, a client that
 * has sent half of its request body, or one that does not read its answer, leaves the
 * connection free for everyone else; one that stops sending in the middle of its request
 * is answered 408 after {@code inkwell.http.request-timeout} and its connection is
 * closed.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowClientIntegrationTests {

	static TestApp app;

	@BeforeAll
	static void start() {
		app = TestApp.start(TestDatabase.get().url(), "connection_limit=1&pool_timeout=2");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void aClientSendingItsBodySlowlyHoldsNoDatabaseConnection() throws Exception {
		String email = "slow-" + UUID.randomUUID() + "@test.example";
		byte[] body = ("{\"email\":\"" + email + "\",\"name\":\"Slow\",\"password\":\"a-long-enough-password\"}")
			.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("localhost", app.port())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + body.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(body, 0, body.length / 2);
			out.flush();
			// the one pooled connection serves others meanwhile, within pool_timeout each
			for (int i = 0; i < 5; i++) {
				app.client().get().uri("/api/users/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
			}
			assertThat(app.pool().getMetrics().orElseThrow().acquiredSize()).isZero();
			out.write(body, body.length / 2, body.length - body.length / 2);
			out.flush();
			assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 201");
		}
	}

	@Test
	void aClientNotReadingItsAnswerHoldsNoDatabaseConnection() throws Exception {
		try (Socket socket = new Socket("localhost", app.port())) {
			socket.setReceiveBufferSize(1024);
			OutputStream out = socket.getOutputStream();
			for (int i = 0; i < 20; i++) {
				out.write("GET /api/posts?limit=100&include=author,categories HTTP/1.1\r\nHost: localhost\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			}
			out.flush();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> app.pool().getMetrics().orElseThrow().acquiredSize() == 0);
			app.client().get().uri("/api/users/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
		}
	}

	@Test
	void aClientThatStopsSendingItsRequestGets408AndItsConnectionClosed(CapturedOutput output) throws Exception {
		try (TestApp strict = TestApp.start(TestDatabase.get().url(), "connection_limit=1",
				"--inkwell.http.request-timeout=1s"); Socket socket = new Socket("localhost", strict.port())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 100\r\n\r\n{\"email\":")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			long started = System.nanoTime();
			InputStream in = socket.getInputStream();
			assertThat(statusLine(in)).startsWith("HTTP/1.1 408");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
			// readAllBytes returns only at the end of the stream (else the socket's 30 s
			// timeout throws): the server closed the connection after its answer
			String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(rest).contains("application/problem+json").contains("urn:inkwell:problem:request-timeout");
			assertThat(strict.context().getBean(Admission.class).active()).as("requests in progress").isZero();
			assertThat(strict.pool().getMetrics().orElseThrow().acquiredSize()).isZero();
		}
		assertThat(output.getAll()).as("a slow client is not logged as an error")
			.doesNotContain("RequestTimeoutException")
			.doesNotContain("Unhandled error");
	}

	private static String statusLine(InputStream in) throws Exception {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			line.append((char) c);
		}
		return line.toString().strip();
	}

}
