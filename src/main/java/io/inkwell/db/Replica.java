package io.inkwell.db;

import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * One read replica: its pool and what the last probe saw. Written by the probe (one
 * thread at a time), read by the routing on any thread.
 */
public final class Replica {

	private final String name;

	private final ConnectionPool pool;

	private final DatabaseClient db;

	private volatile boolean up;

	private volatile long replayedPosition = -1;

	private volatile Duration lag = Duration.ZERO;

	Replica(String name, ConnectionPool pool) {
		this.name = name;
		this.pool = pool;
		this.db = DatabaseClient.create(pool);
	}

	/**
	 * {@code replica-1}, {@code replica-2}, ... in the order of DATABASE_REPLICA_URLS.
	 */
	public String name() {
		return this.name;
	}

	public ConnectionPool pool() {
		return this.pool;
	}

	DatabaseClient db() {
		return this.db;
	}

	/** Whether the last probe reached it and found it in recovery (a standby). */
	public boolean up() {
		return this.up;
	}

	/** The WAL position it had replayed at the last probe; -1 before the first. */
	public long replayedPosition() {
		return this.replayedPosition;
	}

	/** How far behind the primary it was at the last probe. */
	public Duration lag() {
		return this.lag;
	}

	void observed(long replayed, Duration lag) {
		this.replayedPosition = replayed;
		this.lag = lag;
		this.up = true;
	}

	void down() {
		this.up = false;
	}

}
