package io.inkwell.post;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import io.inkwell.security.Role;
import io.inkwell.support.TestApp;
import io.inkwell.support.TestDatabase;
import io.inkwell.support.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real client that sends the export request and then reads nothing: once the socket
 * buffers are full the export stalls, and after {@code inkwell.export.idle-timeout} the
 * server cuts it off — the database connection goes back to the pool, its snapshot is
 * released and the client's connection is closed. Before issue #26 such an export held
 * the connection and the snapshot for as long as the client stayed connected.
 */
class ExportIdleTimeoutIntegrationTests {

	// about 10 MB of NDJSON: far more than the socket buffers of both ends hold
	private static final int POSTS = 60_000;

	@Test
	void cutsOffAnExportWhoseClientStopsReadingAndReleasesItsConnection() throws Exception {
		UUID author = ExportFixtures.author();
		UUID moderator = Tokens.createUser(Role.MODERATOR, "idle-export");
		ExportFixtures.bulkPosts(author, POSTS);
		try (TestApp app = TestApp.start(TestDatabase.get().url(), "", "--inkwell.export.idle-timeout=1s");
				Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/posts/export?status=ARCHIVED&authorId=" + author + " HTTP/1.1\r\n"
					+ "Host: 127.0.0.1\r\nAccept: application/x-ndjson\r\nAuthorization: "
					+ Tokens.of(app.context()).bearer(moderator, Role.MODERATOR) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// the export holds a connection (and a snapshot) while it streams into the
			// buffers
			assertThat(waitFor(Duration.ofSeconds(15), () -> heldBackends(app) > 0)).as("the export started").isTrue();
			// ... and gives both back once the client has read nothing for a second
			assertThat(waitFor(Duration.ofSeconds(15), () -> heldBackends(app) == 0))
				.as("the export's connection and snapshot were released")
				.isTrue();
			assertThat(app.pool().getMetrics().orElseThrow().acquiredSize()).isZero();
			// the server closed the client's connection: what is buffered can still be
			// read, then the stream ends
			assertThat(closedByServer(socket)).isTrue();
		}
		finally {
			ExportFixtures.deleteAuthor(author);
		}
	}

	/**
	 * Backends of the application on one of the export's statements that are busy or hold
	 * a snapshot (an idle pooled connection does neither).
	 */
	private static long heldBackends(TestApp app) throws SQLException {
		return ExportFixtures.queryLong("""
				SELECT count(*) FROM pg_stat_activity
				WHERE application_name = ? AND query LIKE '%/* ExportRepository.%'
				  AND (state <> 'idle' OR backend_xmin IS NOT NULL)
				""", app.applicationName());
	}

	private static boolean closedByServer(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[64 * 1024];
		try {
			while (in.read(buffer) >= 0) {
				// drain what was sent before the cut
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// reset by the server
			return true;
		}
	}

	private static boolean waitFor(Duration limit, Check check) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (check.holds()) {
				return true;
			}
			Thread.sleep(50);
		}
		return check.holds();
	}

	@FunctionalInterface
	interface Check {

		boolean holds() throws Exception;

	}

}
