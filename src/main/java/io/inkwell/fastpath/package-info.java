/**
 * The one bypass of the framework's path: public requests without credentials skip Spring
 * Security's filter chain. On by default; {@code inkwell.fast-path.enabled=false}
 * ({@code INKWELL_FAST_PATH_ENABLED=false}) turns it off entirely, and every request
 * takes the plain Spring Security path. Each class stands in for a Spring component, and
 * a test holds it to that component:
 * <ul>
 * <li>{@link io.inkwell.fastpath.PublicRequestShortcut} stands in for Spring Security's
 * {@code WebFilterChainProxy} and its {@code SecurityWebFilterChain}
 * (security.SecurityConfig) for public anonymous requests: same firewall
 * ({@code ServerWebExchangeFirewall}) and rejection answer, same headers. Held by
 * {@code SecurityHeadersIntegrationTests} (the same answers with and without a token),
 * {@code FastPathIntegrationTests} (where it stands, and that the switch removes it), and
 * CI's second run of the HTTP tests with the fast path off ({@code .ci/run}).</li>
 * <li>{@link io.inkwell.fastpath.PublicWithoutCredentials} stands in for the chain's
 * decision on such a request: {@code ServerBearerTokenAuthenticationConverter} finds no
 * token, and the authorization manager (security.RouteAuthorization over the same
 * {@code RouteTable}) permits it. A request with an {@code Origin} header is left to the
 * chain, whose CORS filter is the one place that writes {@code Access-Control-*} headers.
 * Held by {@code PublicWithoutCredentialsTests} and {@code CorsIntegrationTests}.</li>
 * <li>{@link io.inkwell.fastpath.SecurityHeaders} stands in for Spring Security's default
 * header writers ({@code HttpHeaderWriterWebFilter} as
 * {@code ServerHttpSecurity.headers()} builds it). Held by {@code SecurityHeadersTests},
 * against the writers Spring Security builds.</li>
 * </ul>
 */
package io.inkwell.fastpath;
