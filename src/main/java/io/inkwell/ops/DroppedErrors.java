package io.inkwell.ops;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

import org.springframework.stereotype.Component;

/**
 * Errors that reach a Reactor operator after its sequence has ended (Reactor's
 * {@code onErrorDropped}). Reactor's default logs each at ERROR with its stack trace;
 * some come once per request a client abandons or sends too slowly (a request timeout is
 * signalled to the body being read and again to the inbound that has already failed), so
 * a flood of such clients would be a flood of stack traces. Here those, and I/O errors of
 * connections already closed, are logged at DEBUG, and the others at most once per kind
 * every 10 s with the count of those left out. The hook is process-wide; it is installed
 * once.
 */
@Component
public class DroppedErrors {

	private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

	private static final AtomicBoolean installed = new AtomicBoolean();

	private static final ThrottledLog throttled = new ThrottledLog(log, Duration.ofSeconds(10));

	/** Reactor Netty's exception for a request timeout (the class is not public). */
	private static final String REQUEST_TIMEOUT = "reactor.netty.http.server.RequestTimeoutException";

	/** Reactor Netty's exceptions for a client that went away or was too slow. */
	private static final List<String> CLIENT_CAUSED = List.of(REQUEST_TIMEOUT,
			"reactor.netty.channel.AbortedException");

	DroppedErrors() {
		if (installed.compareAndSet(false, true)) {
			Hooks.onErrorDropped(DroppedErrors::dropped);
		}
	}

	static void dropped(Throwable error) {
		if (clientCaused(error)) {
			log.debug("Error after its sequence ended (client gone, too slow, or connection closed): {}",
					error.toString());
			return;
		}
		throttled.warn(error.getClass().getName(),
				(skipped) -> log.warn("Error after its sequence ended, dropped{}", skipped, error));
	}

	static boolean clientCaused(Throwable error) {
		return anyCause(error,
				(cause) -> cause instanceof IOException || CLIENT_CAUSED.contains(cause.getClass().getName()));
	}

	/**
	 * Whether Reactor Netty's request timeout ({@code inkwell.http.request-timeout}) is
	 * the error or its cause: the body did not arrive whole in time.
	 */
	public static boolean isRequestTimeout(Throwable error) {
		return anyCause(error, (cause) -> cause.getClass().getName().equals(REQUEST_TIMEOUT));
	}

	private static boolean anyCause(Throwable error, Predicate<Throwable> test) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (test.test(cause)) {
				return true;
			}
		}
		return false;
	}

}
