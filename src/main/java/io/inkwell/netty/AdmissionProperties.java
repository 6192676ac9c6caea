package io.inkwell.netty;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the HTTP server takes on work, bound from {@code inkwell.http.*}.
 *
 * @param maxActiveRequests requests in progress at once (received whole, response not yet
 * written); past it, connections between two requests are not read until places free up
 * ({@link Admission}). Well above the connection pool's size, so that the pool always has
 * the next request waiting, and far below what would fill the heap
 * @param requestTimeout how long a client may take to send one whole request once it has
 * begun; then 408 and the connection is closed (a slow sender holds no database
 * connection meanwhile, only its socket)
 */
@Validated
@ConfigurationProperties("inkwell.http")
public record AdmissionProperties(@DefaultValue("256") @Min(1) int maxActiveRequests,
		@DefaultValue("30s") @NotNull Duration requestTimeout) {
}
