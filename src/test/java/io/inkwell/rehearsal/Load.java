package io.inkwell.rehearsal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.inkwell.rehearsal.Rehearsal.Pod;

/**
 * A steady, modest load spread over the pods in rotation, as a Service spreads it over
 * its ready endpoints: a read of a known user, and every fourth request the creation of a
 * new one. Taking a pod out of the rotation is the endpoint removal that the preStop
 * pause gives time to reach every node; requests already sent to it must still succeed.
 * Every answer but the expected status is a failure.
 */
final class Load implements AutoCloseable {

	private static final int MAX_RECORDED_FAILURES = 50;

	private final HttpClient http;

	private final String userId;

	private final List<Pod> rotation = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "rehearsal-load");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

	// guarded by this
	private final Map<String, Integer> ok = new HashMap<>();

	private final Map<String, Integer> inFlight = new HashMap<>();

	private final List<String> failures = new ArrayList<>();

	private int failed;

	private long ticks;

	/** {@code Authorization} of the writes: creating users is for ADMINs. */
	private final String adminToken;

	Load(HttpClient http, String userId, String adminToken) {
		this.http = http;
		this.userId = userId;
		this.adminToken = adminToken;
	}

	void add(Pod pod) {
		this.rotation.add(pod);
	}

	/** The endpoint removal: no new request goes to the pod. */
	void remove(Pod pod) {
		this.rotation.remove(pod);
	}

	void start(Duration period) {
		this.ticker.scheduleAtFixedRate(this::send, 0, period.toMillis(), TimeUnit.MILLISECONDS);
	}

	synchronized int ok(Pod pod) {
		return this.ok.getOrDefault(pod.name(), 0);
	}

	synchronized int okTotal() {
		return this.ok.values().stream().mapToInt(Integer::intValue).sum();
	}

	synchronized int failed() {
		return this.failed;
	}

	synchronized List<String> failures() {
		return List.copyOf(this.failures);
	}

	/** Waits until the pod has answered {@code more} further requests successfully. */
	void awaitServed(Pod pod, int more) {
		int target = ok(pod) + more;
		Rehearsal.await(this, pod + " to serve " + more + " more requests", Duration.ofSeconds(60),
				() -> ok(pod) >= target);
	}

	/** Waits until all pods together have answered {@code more} further requests. */
	void awaitServed(int more) {
		int target = okTotal() + more;
		Rehearsal.await(this, more + " more requests", Duration.ofSeconds(60), () -> okTotal() >= target);
	}

	/**
	 * Waits until the requests sent to the pod before it left the rotation have been
	 * answered.
	 */
	void awaitIdle(Pod pod) {
		Rehearsal.await(this, pod + " to answer its requests in flight", Duration.ofSeconds(30),
				() -> this.inFlight.getOrDefault(pod.name(), 0) == 0);
	}

	/** Stops sending and waits for every answer. */
	void stop() {
		this.ticker.shutdown();
		try {
			if (!this.ticker.awaitTermination(10, TimeUnit.SECONDS)) {
				throw new AssertionError("the load generator did not stop");
			}
			CompletableFuture.allOf(this.pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("requests still unanswered after stopping the load", ex);
		}
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
	}

	private void send() {
		List<Pod> pods = List.copyOf(this.rotation);
		long tick = this.ticks++;
		if (pods.isEmpty()) {
			fail("no pod in rotation (a Service without ready endpoints)");
			return;
		}
		Pod pod = pods.get((int) (tick % pods.size()));
		boolean write = tick % 4 == 3;
		HttpRequest request = write
				? HttpRequest.newBuilder(pod.uri("/api/users"))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.header("Authorization", this.adminToken)
					.POST(HttpRequest.BodyPublishers.ofString(
							"{\"email\":\"rehearsal-" + UUID.randomUUID() + "@example.com\",\"name\":\"Rehearsal\"}"))
					.build()
				: HttpRequest.newBuilder(pod.uri("/api/users/" + this.userId)).timeout(Duration.ofSeconds(10)).build();
		int expected = write ? 201 : 200;
		synchronized (this) {
			this.inFlight.merge(pod.name(), 1, Integer::sum);
		}
		CompletableFuture<?> answer = this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
			.whenComplete((response, error) -> record(pod, request, expected, response, error));
		this.pending.add(answer);
		answer.whenComplete((response, error) -> this.pending.remove(answer));
	}

	private synchronized void record(Pod pod, HttpRequest request, int expected, HttpResponse<String> response,
			Throwable error) {
		this.inFlight.merge(pod.name(), -1, Integer::sum);
		if (error == null && response.statusCode() == expected) {
			this.ok.merge(pod.name(), 1, Integer::sum);
		}
		else {
			fail(pod + " " + request.method() + " " + request.uri().getPath() + ": "
					+ ((error != null) ? error : response.statusCode() + " " + response.body()));
		}
		notifyAll();
	}

	private synchronized void fail(String failure) {
		this.failed++;
		if (this.failures.size() < MAX_RECORDED_FAILURES) {
			this.failures.add(failure);
		}
		notifyAll();
	}

}
