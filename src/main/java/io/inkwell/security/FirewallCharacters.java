package io.inkwell.security;

import java.util.function.Predicate;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * The rules of Spring Security's {@link StrictServerWebExchangeFirewall} for header names,
 * header values and parameter names, checked code point by code point: every character must be
 * an assigned code point and not a control character (a tab is allowed in header values). The
 * firewall checks a header each time the application reads it, and its default predicates are
 * regular expressions with class intersections: reading the {@code Authorization} header of a
 * token request cost several microseconds each time. {@code FirewallCharactersTests} holds these
 * predicates to the firewall's own answers.
 */
final class FirewallCharacters {

	/** Header and parameter names: assigned, no control characters. */
	static final Predicate<String> NAMES = (value) -> value == null || allowed(value, false);

	/** Header values: assigned, no control characters but the tab. */
	static final Predicate<String> HEADER_VALUES = (value) -> value == null || allowed(value, true);

	private FirewallCharacters() {
	}

	/** The firewall with these predicates; everything else as Spring Security's defaults. */
	static StrictServerWebExchangeFirewall firewall() {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedHeaderNames(NAMES);
		firewall.setAllowedHeaderValues(HEADER_VALUES);
		firewall.setAllowedParameterNames(NAMES);
		return firewall;
	}

	private static boolean allowed(String value, boolean tab) {
		int length = value.length();
		for (int i = 0; i < length;) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				// printable ASCII: assigned, not a control character
				i++;
				continue;
			}
			int codePoint = value.codePointAt(i);
			boolean control = Character.getType(codePoint) == Character.CONTROL;
			if (!Character.isDefined(codePoint) || (control && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
