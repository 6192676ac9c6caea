package io.inkwell.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.inkwell.db.DatabaseUrl;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A real PgBouncer for tests, run from the binary on this machine (Debian's
 * {@code pgbouncer}) with the settings of the shipped
 * {@code k8s/components/pgbouncer/configmap.yaml}; only what names this machine is
 * replaced: the {@code [databases]} entry, the listen address and port, the client
 * authentication (trust, against a user list of its own) and the TLS mode towards the
 * test server. Runs in the foreground as a child process (as {@code nobody} when the JVM
 * is root, which PgBouncer refuses to be), so {@link #stop()} and {@link #start()} can
 * restart it on the same port.
 * <p>
 * Without a binary, {@link #startOrSkip} skips the calling test with a message saying so;
 * under {@code CI=true} it fails instead, since CI installs the binary.
 */
public final class PgBouncer implements AutoCloseable {

	private static final Path SHIPPED = Path.of("k8s/components/pgbouncer/configmap.yaml");

	private final Path binary;

	private final Path directory;

	private final int port;

	private Process process;

	private PgBouncer(Path binary, Path directory, int port) {
		this.binary = binary;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Starts a PgBouncer in front of {@code server}'s database for {@code users}, or
	 * skips the test when there is no binary (fails under {@code CI=true}).
	 */
	public static PgBouncer startOrSkip(DatabaseUrl server, List<String> users) {
		Optional<Path> binary = binary();
		if (binary.isEmpty()) {
			String why = "no pgbouncer binary on the PATH or in /usr/sbin: install it (Debian: apt-get install "
					+ "pgbouncer) to run the PgBouncer tests";
			if ("true".equals(System.getenv("CI"))) {
				throw new AssertionError(why + " (CI=true: a missing binary fails the run)");
			}
			Assumptions.abort(why);
		}
		try {
			Path directory = Files.createTempDirectory("inkwell-pgbouncer-");
			PgBouncer bouncer = new PgBouncer(binary.get(), directory, freePort());
			Files.writeString(directory.resolve("pgbouncer.ini"), bouncer.config(server), StandardCharsets.UTF_8);
			StringBuilder userList = new StringBuilder();
			users.forEach((user) -> userList.append('"').append(user).append("\" \"\"\n"));
			Files.writeString(directory.resolve("userlist.txt"), userList, StandardCharsets.UTF_8);
			if (ServerUser.isRoot()) {
				try (Stream<Path> files = Files.walk(directory)) {
					for (Path file : files.toList()) {
						Files.setAttribute(file, "unix:uid", ServerUser.NOBODY, LinkOption.NOFOLLOW_LINKS);
						Files.setAttribute(file, "unix:gid", ServerUser.NOBODY, LinkOption.NOFOLLOW_LINKS);
					}
				}
			}
			bouncer.start();
			Runtime.getRuntime().addShutdownHook(new Thread(bouncer::close, "pgbouncer-shutdown"));
			return bouncer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Optional<Path> binary() {
		List<Path> candidates = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			for (String entry : path.split(":")) {
				if (!entry.isBlank()) {
					candidates.add(Path.of(entry, "pgbouncer"));
				}
			}
		}
		candidates.add(Path.of("/usr/sbin/pgbouncer"));
		candidates.add(Path.of("/usr/bin/pgbouncer"));
		return candidates.stream().filter(Files::isExecutable).findFirst();
	}

	/**
	 * The shipped pgbouncer.ini, with this machine's database, address, port,
	 * authentication and TLS mode.
	 */
	String config(DatabaseUrl server) throws IOException {
		Map<String, Object> configMap = new Yaml().load(Files.readString(SHIPPED));
		@SuppressWarnings("unchecked")
		String shipped = ((Map<String, String>) configMap.get("data")).get("pgbouncer.ini");
		Map<String, String> replaced = Map.of("listen_addr", "127.0.0.1", "listen_port", String.valueOf(this.port),
				"auth_type", "trust", "auth_file", this.directory.resolve("userlist.txt").toString(),
				"server_tls_sslmode", server.sslMode());
		StringBuilder ini = new StringBuilder();
		String section = "";
		for (String line : shipped.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("[")) {
				section = trimmed;
				ini.append(trimmed).append('\n');
				if (section.equals("[databases]")) {
					ini.append(server.database())
						.append(" = host=")
						.append(server.host())
						.append(" port=")
						.append(server.port())
						.append(" dbname=")
						.append(server.database())
						.append('\n');
				}
				continue;
			}
			if (section.equals("[databases]") || trimmed.startsWith(";") || trimmed.isEmpty()) {
				continue;
			}
			String key = trimmed.substring(0, trimmed.indexOf('=')).strip();
			ini.append(replaced.containsKey(key) ? key + " = " + replaced.get(key) : trimmed).append('\n');
		}
		return ini.toString();
	}

	/** Starts PgBouncer (again) on its port and waits until it accepts connections. */
	public synchronized void start() {
		List<String> command = new ArrayList<>();
		if (ServerUser.isRoot()) {
			command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + ServerUser.NOBODY, "--regid=" + ServerUser.NOBODY,
					"--clear-groups", "--"));
		}
		command.addAll(List.of(this.binary.toString(), this.directory.resolve("pgbouncer.ini").toString()));
		try {
			this.process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("pgbouncer.log").toFile()))
				.start();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (!accepts()) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("PgBouncer did not start: " + log());
				}
				Thread.sleep(50);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops PgBouncer at once (SIGTERM): every client and server connection closes. */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	public int port() {
		return this.port;
	}

	/** A DATABASE_URL through this PgBouncer, with {@code pgbouncer=true}. */
	public String url(String user, String database) {
		return "postgresql://" + user + "@127.0.0.1:" + this.port + "/" + database + "?pgbouncer=true&sslmode=disable";
	}

	/** PgBouncer's log so far, for failure messages. */
	public String log() {
		try {
			return Files.readString(this.directory.resolve("pgbouncer.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public synchronized void close() {
		stop();
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
