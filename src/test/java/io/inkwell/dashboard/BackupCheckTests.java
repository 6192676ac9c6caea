package io.inkwell.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BackupCheckTests {

	private static final Instant NOW = Instant.parse("2026-05-02T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	@TempDir
	Path directory;

	@Test
	void isUnknownWithoutAMarkerFile() {
		BackupCard production = new BackupCheck("", Duration.ofHours(26), false, CLOCK).check().block();
		BackupCard dev = new BackupCheck(null, Duration.ofHours(26), true, CLOCK).check().block();
		assertThat(production.state()).isEqualTo(CardState.AMBER);
		assertThat(production.reason()).startsWith("last backup unknown");
		assertThat(production.lastBackup()).isNull();
		assertThat(dev.state()).isEqualTo(CardState.GREEN);
	}

	@Test
	void readsTheInstantTheJobWrote() throws IOException {
		Path marker = Files.writeString(this.directory.resolve("last-backup"), "2026-05-02T02:00:00Z\n");
		BackupCard card = check(marker);
		assertThat(card.state()).isEqualTo(CardState.GREEN);
		assertThat(card.lastBackup()).isEqualTo(Instant.parse("2026-05-02T02:00:00Z"));
		assertThat(card.ageSeconds()).isEqualTo(Duration.ofHours(10).toSeconds());
	}

	@Test
	void fallsBackToTheFilesTimeWhenItHoldsNoInstant() throws IOException {
		Path marker = Files.writeString(this.directory.resolve("last-backup"), "");
		Files.setLastModifiedTime(marker, FileTime.from(NOW.minus(Duration.ofHours(30))));
		BackupCard card = check(marker);
		assertThat(card.state()).isEqualTo(CardState.AMBER);
		assertThat(card.lastBackup()).isEqualTo(NOW.minus(Duration.ofHours(30)));
	}

	@Test
	void isRedForAnOldBackupOrAMissingMarker() throws IOException {
		Path old = Files.writeString(this.directory.resolve("old"), "2026-04-20T00:00:00Z");
		assertThat(check(old).state()).isEqualTo(CardState.RED);
		BackupCard missing = check(this.directory.resolve("missing"));
		assertThat(missing.state()).isEqualTo(CardState.RED);
		assertThat(missing.reason()).contains("does not exist");
	}

	private BackupCard check(Path marker) {
		return new BackupCheck(marker.toString(), Duration.ofHours(26), false, CLOCK).check().block();
	}

}
