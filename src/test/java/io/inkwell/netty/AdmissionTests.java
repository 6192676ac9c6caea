package io.inkwell.netty;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission gate on embedded channels: each connection's reads of the socket are
 * counted by a handler at the head of its pipeline, so a connection held back is one
 * whose read never got there.
 */
class AdmissionTests {

	private final AtomicLong clock = new AtomicLong();

	@Test
	void countsARequestFromItsEndToItsResponse() {
		Admission admission = new Admission(4, this.clock::get);
		Connection a = new Connection(admission);
		a.receiveHead();
		assertThat(admission.active()).isZero();
		a.receiveEnd();
		assertThat(admission.active()).isEqualTo(1);
		a.respond();
		assertThat(admission.active()).isZero();
	}

	@Test
	void readsFreelyBelowTheLimit() {
		Admission admission = new Admission(2, this.clock::get);
		Connection a = new Connection(admission);
		a.receiveRequest();
		Connection b = new Connection(admission);
		b.askToRead();
		assertThat(b.reads()).isEqualTo(1);
		assertThat(admission.parked()).isZero();
	}

	@Test
	void holdsBackAConnectionBetweenRequestsAtTheLimitAndResumesItWhenAPlaceFrees() {
		Admission admission = new Admission(1, this.clock::get);
		Connection a = new Connection(admission);
		a.receiveRequest();
		Connection b = new Connection(admission);
		b.askToRead();
		assertThat(b.reads()).isZero();
		assertThat(admission.parked()).isEqualTo(1);
		a.respond();
		assertThat(b.reads()).isEqualTo(1);
		assertThat(admission.parked()).isZero();
		assertThat(admission.parks()).isEqualTo(1);
	}

	@Test
	void resumesWaitingConnectionsFirstComeFirstServed() {
		Admission admission = new Admission(1, this.clock::get);
		Connection a = new Connection(admission);
		a.receiveRequest();
		Connection b = new Connection(admission);
		Connection c = new Connection(admission);
		b.askToRead();
		c.askToRead();
		a.respond();
		assertThat(b.reads()).isEqualTo(1);
		// b holds the place until its request arrives and is answered
		assertThat(c.reads()).isZero();
		// a, back for more, queues behind c
		a.askToRead();
		assertThat(a.reads()).isZero();
		b.receiveRequest();
		b.respond();
		assertThat(c.reads()).isEqualTo(1);
		assertThat(a.reads()).isZero();
	}

	@Test
	void neverHoldsBackTheRestOfARequestAlreadyBegun() {
		Admission admission = new Admission(1, this.clock::get);
		Connection a = new Connection(admission);
		a.receiveRequest();
		Connection b = new Connection(admission);
		b.receiveHead();
		b.askToRead();
		assertThat(b.reads()).isEqualTo(1);
	}

	@Test
	void aResumedConnectionThatSendsNothingGivesItsPlaceBackAfterTheGracePeriod() {
		Admission admission = new Admission(1, this.clock::get);
		Connection a = new Connection(admission);
		a.receiveRequest();
		Connection idle = new Connection(admission);
		Connection c = new Connection(admission);
		idle.askToRead();
		c.askToRead();
		a.respond();
		assertThat(idle.reads()).isEqualTo(1);
		assertThat(c.reads()).isZero();
		// nothing else happens on the server: only the timer of the gate can free the
		// place
		this.clock.addAndGet(Admission.GRACE.toNanos());
		a.channel.advanceTimeBy(Admission.GRACE.toNanos(), TimeUnit.NANOSECONDS);
		a.channel.runScheduledPendingTasks();
		assertThat(c.reads()).isEqualTo(1);
	}

	@Test
	void aClosedConnectionReleasesItsRequestsAndIsSkipped() {
		Admission admission = new Admission(1, this.clock::get);
		Connection a = new Connection(admission);
		a.receiveRequest();
		Connection gone = new Connection(admission);
		Connection c = new Connection(admission);
		gone.askToRead();
		c.askToRead();
		gone.channel.close();
		a.channel.close();
		assertThat(admission.active()).isZero();
		assertThat(c.reads()).isEqualTo(1);
		assertThat(admission.parked()).isZero();
	}

	@Test
	void aNewConnectionArrivingAtTheLimitHasItsFirstReadWithdrawnAndWaits() {
		Admission admission = new Admission(1, this.clock::get);
		Connection a = new Connection(admission);
		a.receiveRequest();
		Connection b = new Connection(admission);
		b.handler.withdrawPendingRead(b.channel);
		assertThat(b.reads()).isZero();
		assertThat(admission.parked()).isEqualTo(1);
		a.respond();
		assertThat(b.reads()).isEqualTo(1);
	}

	@Test
	void aNewConnectionWithAPlaceFreeIsReadOnceThroughTheGate() {
		Admission admission = new Admission(2, this.clock::get);
		Connection b = new Connection(admission);
		b.handler.withdrawPendingRead(b.channel);
		assertThat(b.reads()).isEqualTo(1);
		assertThat(admission.parked()).isZero();
	}

	@Test
	void aBurstOfNewConnectionsTakesPlacesOneByOne() {
		Admission admission = new Admission(2, this.clock::get);
		// Reactor Netty asked each to read before the gate's handler was there: the first
		// two keep that read and hold a place each; the third's read is withdrawn
		Connection a = new Connection(admission);
		a.handler.joined(a.channel);
		Connection b = new Connection(admission);
		b.handler.joined(b.channel);
		Connection c = new Connection(admission);
		c.handler.joined(c.channel);
		assertThat(c.reads()).isZero();
		assertThat(admission.parked()).isEqualTo(1);
		// the first requests arrive and are answered: the third connection's turn
		a.receiveRequest();
		b.receiveRequest();
		assertThat(admission.active()).isEqualTo(2);
		assertThat(c.reads()).isZero();
		a.respond();
		assertThat(c.reads()).isEqualTo(1);
	}

	@Test
	void aNewConnectionThatSendsNothingGivesItsPlaceBackAfterTheGracePeriod() {
		Admission admission = new Admission(1, this.clock::get);
		Connection silent = new Connection(admission);
		silent.handler.joined(silent.channel);
		Connection b = new Connection(admission);
		b.handler.joined(b.channel);
		assertThat(b.reads()).isZero();
		this.clock.addAndGet(Admission.GRACE.toNanos());
		b.channel.advanceTimeBy(Admission.GRACE.toNanos(), TimeUnit.NANOSECONDS);
		b.channel.runScheduledPendingTasks();
		silent.channel.advanceTimeBy(Admission.GRACE.toNanos(), TimeUnit.NANOSECONDS);
		silent.channel.runScheduledPendingTasks();
		assertThat(b.reads()).isEqualTo(1);
	}

	/**
	 * A connection: the handler under test and, at the head, a counter of reads of the
	 * socket.
	 */
	static final class Connection {

		final EmbeddedChannel channel;

		private final ReadCounter counter = new ReadCounter();

		final AdmissionHandler handler;

		Connection(Admission admission) {
			this.channel = new EmbeddedChannel();
			this.channel.config().setAutoRead(false);
			this.handler = new AdmissionHandler(admission);
			this.channel.pipeline().addLast(this.counter, this.handler);
			this.counter.reads = 0;
		}

		void receiveHead() {
			this.channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/posts"));
		}

		void receiveEnd() {
			this.channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[] { '{' })));
			this.channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
		}

		void receiveRequest() {
			receiveHead();
			receiveEnd();
		}

		void respond() {
			this.channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
		}

		/** What Reactor Netty does once an exchange is over: ask for the next request. */
		void askToRead() {
			this.channel.read();
			this.channel.runPendingTasks();
		}

		int reads() {
			this.channel.runPendingTasks();
			return this.counter.reads;
		}

	}

	static final class ReadCounter extends ChannelOutboundHandlerAdapter {

		int reads;

		@Override
		public void read(ChannelHandlerContext ctx) {
			this.reads++;
			ctx.read();
		}

	}

}
