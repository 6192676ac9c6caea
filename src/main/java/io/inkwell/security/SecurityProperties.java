package io.inkwell.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Authentication settings, bound from {@code inkwell.security.*}.
 *
 * @param jwtSecret the HMAC-SHA256 key of the bearer tokens; {@code JWT_SECRET} in the
 * environment. At least 32 bytes and not a known placeholder (see {@link JwtSecret}).
 * Empty: a random key is generated for this process, unless {@code requireJwtSecret}
 * @param requireJwtSecret refuse to start without {@code jwtSecret}; production mode
 * ({@code DATABASE_URL} set) turns it on
 * @param tokenLifetime how long an issued token is valid; at most 24 h (refused at start
 * beyond)
 * @param loginAttempts login and register attempts one client address may make per
 * {@code loginPeriod} (a token bucket: the attempts refill evenly over the period)
 * @param loginPeriod the period of {@code loginAttempts}
 * @param loginClients client addresses (and as many accounts) whose attempt counts are
 * kept at once; the least recently seen is forgotten beyond this, so the table stays
 * bounded whatever the traffic
 * @param trustedProxies IP addresses or CIDR ranges of the proxies (the ingress) whose
 * {@code Forwarded}/{@code X-Forwarded-For} name the client; {@code TRUSTED_PROXIES},
 * comma-separated. Empty: forwarding headers are ignored, the TCP peer is the client
 */
@Validated
@ConfigurationProperties("inkwell.security")
public record SecurityProperties(@DefaultValue("") String jwtSecret, @DefaultValue("false") boolean requireJwtSecret,
		@DefaultValue("1h") @NotNull @DurationMax(hours = 24) Duration tokenLifetime,
		@DefaultValue("10") @Min(1) int loginAttempts, @DefaultValue("1m") @NotNull Duration loginPeriod,
		@DefaultValue("100000") @Min(1) int loginClients, @DefaultValue("") List<String> trustedProxies) {

	/** Never prints the secret (records print every component by default). */
	@Override
	public String toString() {
		return "SecurityProperties[jwtSecret=" + (this.jwtSecret.isEmpty() ? "<unset>" : "<hidden>")
				+ ", requireJwtSecret=" + this.requireJwtSecret + ", tokenLifetime=" + this.tokenLifetime
				+ ", loginAttempts=" + this.loginAttempts + ", loginPeriod=" + this.loginPeriod + ", loginClients="
				+ this.loginClients + ", trustedProxies=" + this.trustedProxies + "]";
	}

}
