package io.inkwell.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.inkwell.ops.OpsProperties;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The backup card, from the marker file the backup job writes after each successful
 * backup ({@code inkwell.ops.backup-marker-file}): its content, an ISO-8601 instant, or
 * else its modification time. Green while the backup is younger than
 * {@code inkwell.ops.backup-max-age}, amber up to three times that, red beyond or when
 * the configured file does not exist. Without a marker file the last backup is unknown:
 * amber in production, green in dev mode.
 */
@Component
@Order(90)
class BackupCheck implements CardCheck {

	private final String markerFile;

	private final Duration maxAge;

	private final boolean devMode;

	private final Clock clock;

	@Autowired
	BackupCheck(OpsProperties properties, ConfigurableEnvironment environment) {
		this(properties.backupMarkerFile(), properties.backupMaxAge(),
				environment.getPropertySources().contains(SeedCheck.DEV_PROPERTY_SOURCE), Clock.systemUTC());
	}

	BackupCheck(String markerFile, Duration maxAge, boolean devMode, Clock clock) {
		this.markerFile = (markerFile == null || markerFile.isBlank()) ? null : markerFile.strip();
		this.maxAge = maxAge;
		this.devMode = devMode;
		this.clock = clock;
	}

	@Override
	public String id() {
		return "backup";
	}

	@Override
	public String title() {
		return "backup";
	}

	@Override
	public boolean readsDatabase() {
		return false;
	}

	@Override
	public Mono<BackupCard> check() {
		if (this.markerFile == null) {
			return Mono.just(new BackupCard(this.devMode ? CardState.GREEN : CardState.AMBER,
					"last backup unknown: no backup marker file configured (inkwell.ops.backup-marker-file)"
							+ (this.devMode ? "; none expected in dev mode" : ""),
					null, null, null));
		}
		// file I/O: off the event loop
		return Mono.fromCallable(this::read).subscribeOn(Schedulers.boundedElastic());
	}

	private BackupCard read() {
		Path path = Path.of(this.markerFile);
		Instant last;
		try {
			last = lastBackup(path);
		}
		catch (NoSuchFileException ex) {
			return new BackupCard(CardState.RED,
					"no backup recorded: the marker file " + this.markerFile + " does not exist", this.markerFile, null,
					null);
		}
		catch (IOException ex) {
			return new BackupCard(CardState.RED,
					"cannot read the marker file " + this.markerFile + ": " + ex.getClass().getSimpleName(),
					this.markerFile, null, null);
		}
		Duration age = Duration.between(last, this.clock.instant());
		CardState state = (age.compareTo(this.maxAge) <= 0) ? CardState.GREEN
				: (age.compareTo(this.maxAge.multipliedBy(3)) <= 0) ? CardState.AMBER : CardState.RED;
		String reason = "last backup " + ago(age) + " ago (" + last + ")"
				+ ((state == CardState.GREEN) ? "" : "; expected at least every " + ago(this.maxAge));
		return new BackupCard(state, reason, this.markerFile, last, Math.max(0, age.toSeconds()));
	}

	private static Instant lastBackup(Path path) throws IOException {
		String content = Files.readString(path, StandardCharsets.UTF_8).strip();
		if (!content.isEmpty()) {
			try {
				return Instant.parse(content.lines().findFirst().orElse("").strip());
			}
			catch (DateTimeParseException ex) {
				// not an instant: the file's time is the best we know
			}
		}
		return Files.getLastModifiedTime(path).toInstant();
	}

	private static String ago(Duration age) {
		if (age.toDays() >= 2) {
			return age.toDays() + " days";
		}
		if (age.toHours() >= 1) {
			return age.toHours() + " h";
		}
		return Math.max(0, age.toMinutes()) + " min";
	}

}
