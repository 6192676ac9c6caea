package io.inkwell.db;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Read replicas, bound from {@code inkwell.db.*} beside {@link DbProperties}.
 *
 * @param replicaUrls {@code DATABASE_REPLICA_URLS}: one or more streaming replicas, comma
 * separated, each in {@code DATABASE_URL} form (its own {@code connection_limit} bounds
 * its pool); empty: no replicas, every statement goes to the primary
 * @param replicaMaxLag a replica further behind the primary than this is skipped until it
 * catches up
 * @param replicaProbeInterval how often each replica's position (and the primary's) is
 * read
 */
@Validated
@ConfigurationProperties("inkwell.db")
public record ReplicaProperties(@DefaultValue("") String replicaUrls,
		@DefaultValue("1s") @NotNull Duration replicaMaxLag,
		@DefaultValue("500ms") @NotNull Duration replicaProbeInterval) {

	/**
	 * The parsed replica URLs, in order; a bad one fails the start as DATABASE_URL does.
	 */
	public List<DatabaseUrl> urls() {
		return Arrays.stream(this.replicaUrls.split(","))
			.map(String::strip)
			.filter((url) -> !url.isEmpty())
			.map((url) -> {
				try {
					return DatabaseUrl.parse(url);
				}
				catch (InvalidDatabaseUrlException ex) {
					throw new InvalidDatabaseUrlException(
							ex.getMessage().replaceFirst("^DATABASE_URL", "DATABASE_REPLICA_URLS"));
				}
			})
			.toList();
	}

}
