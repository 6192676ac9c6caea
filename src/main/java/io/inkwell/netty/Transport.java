package io.inkwell.netty;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;

/**
 * The I/O transport of the event loops ({@code inkwell.event-loops.transport}). {@link #AUTO} takes
 * epoll where Netty's native library loads (Linux on x86_64 and aarch64), else the JDK's NIO.
 * io_uring is taken only when asked for: side by side with epoll it was within the run-to-run noise
 * at 10 and 100 connections and no better in the tail at 1000 (README, Benchmarks), and container
 * runtimes refuse its system calls by default. An explicit choice that the machine cannot provide
 * (an old kernel, a seccomp profile, {@code kernel.io_uring_disabled}) stops the start with the
 * reason, rather than running on another transport.
 */
public enum Transport {

	AUTO, IO_URING, EPOLL, NIO;

	/** The transport to run on here; never {@link #AUTO}. */
	public Transport resolve() {
		return resolve(IoUring::isAvailable, Epoll::isAvailable);
	}

	Transport resolve(BooleanSupplier ioUringAvailable, BooleanSupplier epollAvailable) {
		return switch (this) {
			case AUTO -> epollAvailable.getAsBoolean() ? EPOLL : NIO;
			case IO_URING -> {
				if (!ioUringAvailable.getAsBoolean()) {
					throw unavailable(IoUring.unavailabilityCause());
				}
				yield IO_URING;
			}
			case EPOLL -> {
				if (!epollAvailable.getAsBoolean()) {
					throw unavailable(Epoll.unavailabilityCause());
				}
				yield EPOLL;
			}
			case NIO -> NIO;
		};
	}

	/** The name in thread names and logs, as Reactor Netty spells it: io_uring, epoll, nio. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	IoHandlerFactory handlerFactory() {
		return switch (this) {
			case IO_URING -> IoUringIoHandler.newFactory();
			case EPOLL -> EpollIoHandler.newFactory();
			case NIO -> NioIoHandler.newFactory();
			case AUTO -> throw new IllegalStateException("resolve() the transport first");
		};
	}

	private IllegalStateException unavailable(Throwable cause) {
		return new IllegalStateException("inkwell.event-loops.transport=" + label() + " is not available on this machine ("
				+ ((cause != null) ? cause.getMessage() : "unknown cause") + "); use auto, or another transport",
				cause);
	}

}
