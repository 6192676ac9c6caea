package io.inkwell.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's character rules without regular expressions answer exactly as Spring Security's
 * own predicates, on edge cases and on 20,000 seeded random strings (the seed is in the failure).
 */
class FirewallCharactersTests {

	static final long SEED = Long.getLong("inkwell.generated.seed", System.nanoTime());

	/** ASCII, C0 and C1 controls, tab, DEL, unassigned and noncharacters, surrogates, format, private use. */
	static final String CHARACTERS = "aZ09 -_.~/:;=\t\n\r\u0000\u0007\u001f\u007f\u0080\u009f\u00a0é\u0378\u0530\uFFFF\uFFFE"
			+ "\uD800\uDBFF\uDC00\uDFFF\u202E\uFEFF\uE000😀\uD83D\uDE00";

	@Test
	void agreesWithTheFirewallOnEdgeCases() {
		List<String> cases = new ArrayList<>(List.of("", "Authorization", "Bearer abc.def", "a\tb", "\t", "a\u0000",
				"\u0085", "é", "\u0378", "\uFFFF", "\uD800", "\uDC00x", "😀", "\u202E", "\uE000", "\u00a0", "\u2028"));
		cases.addAll(Generator.HOSTILE);
		for (String value : cases) {
			assertSameAnswers(value);
		}
		assertThat(FirewallCharacters.NAMES.test(null)).isTrue();
		assertThat(FirewallCharacters.HEADER_VALUES.test(null)).isTrue();
	}

	@Test
	void agreesWithTheFirewallOnGeneratedStrings() {
		Generator generate = new Generator(SEED);
		for (int i = 0; i < 20_000; i++) {
			String value = generate.chance(0.2) ? generate.string(Generator.SPECIALS, 40)
					: generate.string(CHARACTERS, 40);
			assertSameAnswers(value);
		}
	}

	private static void assertSameAnswers(String value) {
		String shown = "%s (seed %d)".formatted(value.codePoints().mapToObj(Integer::toHexString).toList(), SEED);
		assertThat(FirewallCharacters.NAMES.test(value)).as("name " + shown)
			.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(value))
			.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES.test(value));
		assertThat(FirewallCharacters.HEADER_VALUES.test(value)).as("value " + shown)
			.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value));
	}

}
