package io.inkwell.ops;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.channel.AbortedException;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors dropped after a sequence ended: those a client causes are not logged as errors,
 * the others are, once per kind and interval.
 */
@ExtendWith(OutputCaptureExtension.class)
class DroppedErrorsTests {

	@Test
	void recognisesErrorsCausedByClientsAndClosedConnections() {
		assertThat(DroppedErrors.clientCaused(new AbortedException("connection has been closed"))).isTrue();
		assertThat(DroppedErrors.clientCaused(new IllegalStateException(new IOException("Connection reset by peer"))))
			.isTrue();
		assertThat(DroppedErrors.clientCaused(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void logsOtherDroppedErrorsOncePerKindAndInterval(CapturedOutput output) {
		String kind = "dropped-" + System.nanoTime();
		DroppedErrors.dropped(new UnsupportedOperationException(kind));
		DroppedErrors.dropped(new UnsupportedOperationException(kind));
		DroppedErrors.dropped(new AbortedException(kind));
		assertThat(output.getAll().lines().filter((line) -> line.contains(kind))).as("lines naming the error")
			.hasSize(1);
		assertThat(output.getAll()).contains("WARN").contains("Error after its sequence ended, dropped");
	}

}
