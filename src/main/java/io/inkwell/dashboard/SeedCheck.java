package io.inkwell.dashboard;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inkwell.dashboard.DashboardRepository.DemoLoginRow;
import io.inkwell.dashboard.SeedCard.DemoLogin;
import io.inkwell.seed.DemoSeed;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The seed-data card: which demo logins exist and whether they still have the public demo
 * password. In dev mode the demo data is expected (green when all four exist, amber when
 * some are missing). In production a demo login with the demo password is red — anyone
 * who read the docs (docs/security.md) can sign in with it — one with a changed password
 * amber, none green.
 */
@Component
@Order(80)
class SeedCheck implements CardCheck {

	/**
	 * Property source the dev-mode start ({@code DevDatabase}) adds; its presence means
	 * dev mode.
	 */
	static final String DEV_PROPERTY_SOURCE = "inkwell-dev-database";

	private static final List<String> EMAILS = DemoSeed.DEMO_USERS.stream().map((user) -> user[0]).toList();

	private final DashboardRepository repository;

	private final boolean devMode;

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

	/** BCrypt costs tens of milliseconds: each stored hash is compared once. */
	private final Map<String, Boolean> demoPasswordByHash = new ConcurrentHashMap<>();

	@Autowired
	SeedCheck(DashboardRepository repository, ConfigurableEnvironment environment) {
		this(repository, environment.getPropertySources().contains(DEV_PROPERTY_SOURCE));
	}

	SeedCheck(DashboardRepository repository, boolean devMode) {
		this.repository = repository;
		this.devMode = devMode;
	}

	@Override
	public String id() {
		return "seed";
	}

	@Override
	public String title() {
		return "seed data";
	}

	@Override
	public Mono<SeedCard> check() {
		return this.repository.demoLogins(EMAILS)
			.collectMap(DemoLoginRow::email, Function.identity())
			.flatMap((rows) -> Flux.fromIterable(EMAILS)
				.concatMap((email) -> login(email, rows.get(email)))
				.collectList())
			.map(this::card);
	}

	private Mono<DemoLogin> login(String email, DemoLoginRow row) {
		if (row == null) {
			return Mono.just(new DemoLogin(email, null, false, false, false));
		}
		return isDemoPassword(row.passwordHash())
			.map((demoPassword) -> new DemoLogin(email, row.role(), true, row.deleted(), demoPassword));
	}

	private Mono<Boolean> isDemoPassword(String hash) {
		if (hash == null || !hash.startsWith("$2")) {
			return Mono.just(false);
		}
		Boolean known = this.demoPasswordByHash.get(hash);
		if (known != null) {
			return Mono.just(known);
		}
		// hashing is CPU-heavy: off the event loop
		return Mono.fromCallable(() -> this.encoder.matches(DemoSeed.DEMO_PASSWORD, hash))
			.subscribeOn(Schedulers.boundedElastic())
			.doOnNext((matches) -> this.demoPasswordByHash.put(hash, matches));
	}

	SeedCard card(List<DemoLogin> logins) {
		List<DemoLogin> present = logins.stream().filter((login) -> login.present() && !login.deleted()).toList();
		List<DemoLogin> open = present.stream().filter(DemoLogin::demoPassword).toList();
		CardState state;
		String reason;
		if (this.devMode) {
			state = (present.size() == logins.size()) ? CardState.GREEN : CardState.AMBER;
			reason = (present.size() == logins.size())
					? "dev mode: all " + logins.size() + " demo logins present (password \"" + DemoSeed.DEMO_PASSWORD
							+ "\")"
					: "dev mode: " + present.size() + " of " + logins.size()
							+ " demo logins present; run `seed --demo` to restore them";
		}
		else if (!open.isEmpty()) {
			state = CardState.RED;
			reason = open.size() + " demo " + ((open.size() == 1) ? "login has" : "logins have")
					+ " the public demo password in production (" + emails(open)
					+ "): delete them or change the password";
		}
		else if (!present.isEmpty()) {
			state = CardState.AMBER;
			reason = present.size() + " demo " + ((present.size() == 1) ? "login exists" : "logins exist")
					+ " in production (" + emails(present) + "), with changed passwords";
		}
		else {
			state = CardState.GREEN;
			reason = "no demo login in this database";
		}
		return new SeedCard(state, reason, this.devMode, logins);
	}

	private static String emails(List<DemoLogin> logins) {
		return logins.stream().map(DemoLogin::email).collect(Collectors.joining(", "));
	}

}
