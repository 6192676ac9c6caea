package io.inkwell.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.inkwell.web.ProblemException;
import io.inkwell.web.ProblemHandler;
import io.inkwell.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.reactive.function.server.RouterFunction;

/**
 * Stateless bearer-token security: a filter chain that checks the token (if any) and
 * applies the route table {@link AccessRules}; no sessions, no CSRF (no cookies are used,
 * so there is nothing a forged cross-site request could ride on), no request cache, no
 * login page. Tokens are HS256 JWTs signed and checked with Spring Security's Nimbus
 * encoder and decoder. Public requests without credentials may skip the chain
 * ({@code io.inkwell.fastpath}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

	/** The {@code kid} of every token. */
	static final String KEY_ID = "inkwell-hs256";

	/**
	 * The HMAC key of the tokens, from {@code JWT_SECRET} or generated for this process.
	 */
	@Bean
	JwtKey jwtKey(SecurityProperties properties) {
		String secret = properties.jwtSecret();
		if (secret.isEmpty()) {
			if (properties.requireJwtSecret()) {
				throw new IllegalStateException(
						"JWT_SECRET is required in production mode (DATABASE_URL is set): at least "
								+ JwtSecret.MIN_BYTES + " random bytes, e.g. openssl rand -base64 48");
			}
			log.info("JWT_SECRET is not set: generated a random signing key for this process"
					+ " (tokens do not survive a restart; set JWT_SECRET to keep them)");
			return new JwtKey(new SecretKeySpec(JwtSecret.generate(), "HmacSHA256"));
		}
		JwtSecret.weakness(secret).ifPresent((reason) -> {
			throw new IllegalStateException(reason);
		});
		return new JwtKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
	}

	/**
	 * Signs HS256. The key id is a constant: by default it is the key's SHA-256
	 * thumbprint, a hash of the secret in every token's header, which nobody needs with
	 * one key.
	 */
	@Bean
	JwtEncoder jwtEncoder(JwtKey key) {
		return NimbusJwtEncoder.withSecretKey(key.secret())
			.algorithm(MacAlgorithm.HS256)
			.jwkPostProcessor((jwk) -> jwk.keyID(KEY_ID))
			.build();
	}

	/**
	 * Accepts only HS256 tokens signed with our key (so {@code alg=none} and other
	 * algorithms fail), issued by us, unexpired (60 s clock skew), naming a user and
	 * role. Tokens that passed are remembered until they expire
	 * ({@link VerifiedTokenCache}).
	 */
	@Bean
	ReactiveJwtDecoder jwtDecoder(JwtKey key) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key.secret())
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(TokenIssuer.ISSUER), new ActorClaimsValidator()));
		return new VerifiedTokenCache(decoder, Clock.systemUTC());
	}

	/**
	 * Spring Security's firewall refuses some URLs outright (a {@code ;}, an encoded
	 * {@code /}, {@code %} or {@code .}, a backslash, NUL and other control characters)
	 * and headers with control characters. Its answer is a 400 like any other bad
	 * parameter, as problem+json.
	 */
	@Bean
	ServerExchangeRejectedHandler exchangeRejectedHandler(ProblemHandler problems) {
		return (exchange, rejected) -> problems.handle(exchange,
				new ProblemException(ProblemType.INVALID_PARAMETER,
						"the URL or a header holds characters this server refuses (such as ';', an encoded '/' or '%',"
								+ " a backslash or control characters)"));
	}

	/** bcrypt, cost 10: the demo seed's hashes are made the same way. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	/**
	 * Spring Security observes nothing: with observations on (even when a predicate drops
	 * them), it wraps every filter of the chain and both authentication and authorization
	 * in observation decorators, on every request. The HTTP server's own observation
	 * still times every request.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * {@link AccessRules}, plus rows of routes that exist only in some contexts
	 * (test-only routes).
	 */
	@Bean
	RouteTable routeTable(ObjectProvider<AccessRule> extraRules) {
		List<AccessRule> rules = new ArrayList<>(AccessRules.TABLE);
		extraRules.orderedStream().forEach(rules::add);
		return new RouteTable(rules);
	}

	/**
	 * The one filter chain: bearer tokens (Spring Security's
	 * {@code Authorization: Bearer} converter; the verified token's account is looked up
	 * on every request by {@link AccountStates}, after the {@link VerifiedTokenCache}),
	 * then the route table decides with the account's current role
	 * ({@link RouteAuthorization}).
	 */
	@Bean
	SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			AccountStates accounts, ProblemHandler problemHandler, ObjectProvider<RouterFunction<?>> routes,
			RouteTable table, CorsProperties cors) {
		SecurityProblems problems = new SecurityProblems(problemHandler);
		RouteAuthorization authorization = new RouteAuthorization(table,
				new UnlistedRouteGuard(routes.orderedStream().toList()));
		return statelessWithoutLogin(withCors(http, cors))
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(accounts::authenticate))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().access(authorization))
			.build();
	}

	/**
	 * The chain's stateless base: no sessions, no CSRF, no login forms, no request cache.
	 */
	private static ServerHttpSecurity statelessWithoutLogin(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
	}

	/**
	 * Spring Security's CORS filter, before authentication: a pre-flight from an allowed
	 * origin is answered there (no token needed), one from another origin gets 403, and
	 * actual requests from an allowed origin get {@code Access-Control-Allow-Origin}. Off
	 * when no origin is configured.
	 */
	private static ServerHttpSecurity withCors(ServerHttpSecurity http, CorsProperties cors) {
		if (!cors.enabled()) {
			return http.cors(ServerHttpSecurity.CorsSpec::disable);
		}
		return http.cors((spec) -> spec.configurationSource(cors.source()));
	}

	/** The HMAC-SHA256 key; a bean of its own so that it is made (and checked) once. */
	record JwtKey(SecretKey secret) {

		@Override
		public String toString() {
			return "JwtKey[<hidden>]";
		}

	}

}
