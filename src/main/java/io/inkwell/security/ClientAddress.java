package io.inkwell.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The address of the client that made a request, for the attempt limits. The TCP peer,
 * unless the peer is a trusted proxy ({@code inkwell.security.trusted-proxies}, CIDR
 * ranges matched by Spring Security's {@link InetAddressMatcher}): then the hops of
 * {@code Forwarded} ({@code for=}), or else {@code X-Forwarded-For}, are read from the
 * right, skipping trusted proxies, and the first address that is not one is the client.
 * Headers sent by anyone else are ignored, so a client cannot choose its own bucket.
 */
final class ClientAddress {

	/** Longest hop kept as a bucket key; anything longer is cut. */
	private static final int MAX_HOP_LENGTH = 64;

	private final InetAddressMatcher trusted;

	/**
	 * @param trustedProxies CIDR ranges or addresses of the proxies whose forwarding
	 * headers are believed; empty: none
	 * @throws IllegalArgumentException naming the entry that is not an address or range
	 */
	ClientAddress(List<String> trustedProxies) {
		List<String> entries = trustedProxies.stream().map(String::strip).filter((entry) -> !entry.isEmpty()).toList();
		for (String entry : entries) {
			try {
				InetAddressMatchers.fromIpAddress(entry);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("inkwell.security.trusted-proxies (TRUSTED_PROXIES): \"" + entry
						+ "\" is not an IP address or CIDR range", ex);
			}
		}
		this.trusted = entries.isEmpty() ? null : InetAddressMatchers.builder().includeAddresses(entries).build();
	}

	/**
	 * The client's address: the peer's, or the forwarded one when the peer is trusted.
	 */
	String of(ServerRequest request) {
		InetAddress peer = request.remoteAddress().map(InetSocketAddress::getAddress).orElse(null);
		if (peer == null) {
			return request.remoteAddress().map(InetSocketAddress::getHostString).orElse("unknown");
		}
		if (this.trusted == null || !this.trusted.matches(peer)) {
			return peer.getHostAddress();
		}
		List<String> hops = forwardedHops(request.headers().asHttpHeaders());
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (i == 0 || !isTrusted(hop)) {
				return hop;
			}
		}
		return peer.getHostAddress();
	}

	private boolean isTrusted(String hop) {
		if (hop.isEmpty() || !hop.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			// not an address literal (a name, "unknown", an obfuscated identifier): never
			// resolved, not a proxy
			return false;
		}
		try {
			return this.trusted.matches(hop);
		}
		catch (IllegalArgumentException ex) {
			// not an address (a name, "unknown", an obfuscated identifier): not a proxy
			return false;
		}
	}

	/**
	 * The {@code for=} hops of {@code Forwarded} (RFC 7239), or else the entries of
	 * {@code X-Forwarded-For}, left to right; quotes, brackets and ports removed.
	 */
	static List<String> forwardedHops(HttpHeaders headers) {
		List<String> hops = new ArrayList<>();
		List<String> forwarded = headers.getValuesAsList("Forwarded");
		if (!forwarded.isEmpty()) {
			for (String element : forwarded) {
				for (String pair : element.split(";")) {
					int equals = pair.indexOf('=');
					if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
						hops.add(node(pair.substring(equals + 1)));
					}
				}
			}
			return hops;
		}
		for (String entry : headers.getValuesAsList("X-Forwarded-For")) {
			hops.add(node(entry));
		}
		return hops;
	}

	/**
	 * {@code "[2001:db8::1]:4711"} → {@code 2001:db8::1}, {@code 192.0.2.1:80} →
	 * {@code 192.0.2.1}.
	 */
	private static String node(String value) {
		String node = value.strip();
		if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
			node = node.substring(1, node.length() - 1);
		}
		if (node.startsWith("[")) {
			int end = node.indexOf(']');
			node = (end > 0) ? node.substring(1, end) : node.substring(1);
		}
		else if (node.indexOf(':') > 0 && node.indexOf(':') == node.lastIndexOf(':')) {
			node = node.substring(0, node.indexOf(':'));
		}
		return (node.length() > MAX_HOP_LENGTH) ? node.substring(0, MAX_HOP_LENGTH) : node;
	}

}
