package io.inkwell.netty;

import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One HTTP connection's side of the {@link Admission} gate, between Reactor Netty's HTTP
 * codec and its traffic handler: it sees whole requests come in, responses go out, and
 * every request to read more from the socket (Reactor Netty's server channels do not read
 * on their own). Between two exchanges, when the gate is full, it holds that read back
 * until {@link Admission} resumes it. Confined to the connection's event loop, except the
 * grace flag, which the gate may end from another loop.
 */
final class AdmissionHandler extends ChannelDuplexHandler {

	private final Admission admission;

	private ChannelHandlerContext ctx;

	/** Requests received whole whose response has not been written yet. */
	private int unanswered;

	/** A request's head has arrived, its end not yet. */
	private boolean receiving;

	private boolean parked;

	/** No request has arrived on this connection yet. */
	private boolean fresh = true;

	/** Reads asked for now are dropped (see {@link #withdrawPendingRead}). */
	private boolean dropReads;

	private final AtomicBoolean grace = new AtomicBoolean();

	private volatile long resumedAt;

	AdmissionHandler(Admission admission) {
		this.admission = admission;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest) {
			this.receiving = true;
			this.fresh = false;
			this.admission.arrived(this);
		}
		if (msg instanceof LastHttpContent) {
			this.receiving = false;
			this.unanswered++;
			this.admission.started();
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof LastHttpContent && this.unanswered > 0) {
			this.unanswered--;
			this.admission.finished(1, ctx.executor());
		}
		ctx.write(msg, promise);
	}

	/**
	 * A new connection's handler is now in its pipeline, where Reactor Netty has already
	 * asked to read the first request: at the limit that read is withdrawn and the
	 * connection waits its turn; else the connection takes a place until its first
	 * request arrives, so that a burst of new connections cannot all pass the gate at
	 * once.
	 */
	void joined(Channel channel) {
		if (this.admission.mustWait()) {
			withdrawPendingRead(channel);
		}
		else {
			this.admission.admitNew(this);
		}
	}

	/**
	 * Withdraws a read that was asked for before this handler was in the pipeline, and
	 * asks again through the gate. Turning auto-read on asks for a read (dropped here)
	 * and turning it off clears every pending one.
	 */
	void withdrawPendingRead(Channel channel) {
		this.dropReads = true;
		try {
			channel.config().setAutoRead(true);
			channel.config().setAutoRead(false);
		}
		finally {
			this.dropReads = false;
		}
		channel.read();
	}

	@Override
	public void read(ChannelHandlerContext ctx) {
		if (this.dropReads) {
			return;
		}
		if (!this.parked && this.unanswered == 0 && !this.receiving) {
			if (this.admission.mustWait()) {
				this.parked = true;
				this.admission.park(this, ctx.executor());
				return;
			}
			if (this.fresh && !inGrace()) {
				// its first request is on its way: a burst of new connections takes
				// places
				// one by one instead of all passing the gate at once
				this.admission.admitNew(this);
			}
		}
		if (!this.parked) {
			ctx.read();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.admission.arrived(this);
		if (this.unanswered > 0) {
			int count = this.unanswered;
			this.unanswered = 0;
			this.admission.finished(count, ctx.executor());
		}
		ctx.fireChannelInactive();
	}

	boolean isOpen() {
		return this.ctx != null && this.ctx.channel().isOpen();
	}

	/** Reads the next request, on the connection's event loop. */
	void resume() {
		if (this.ctx.executor().inEventLoop()) {
			resumeOnLoop();
		}
		else {
			this.ctx.executor().execute(this::resumeOnLoop);
		}
	}

	private void resumeOnLoop() {
		if (this.parked) {
			this.parked = false;
			this.ctx.read();
		}
	}

	void beginGrace(long now) {
		this.resumedAt = now;
		this.grace.set(true);
	}

	/** Ends the grace period; true for the one caller that ended it. */
	boolean endGrace() {
		return this.grace.get() && this.grace.compareAndSet(true, false);
	}

	boolean inGrace() {
		return this.grace.get();
	}

	long resumedAt() {
		return this.resumedAt;
	}

}
