package io.inkwell.dashboard;

import java.util.List;

import io.inkwell.dashboard.SeedCard.DemoLogin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeedCheckTests {

	private static final DemoLogin OPEN = new DemoLogin("admin@example.com", "ADMIN", true, false, true);

	private static final DemoLogin CHANGED = new DemoLogin("alice@example.com", "USER", true, false, false);

	private static final DemoLogin ABSENT = new DemoLogin("bob@example.com", null, false, false, false);

	private static final DemoLogin DELETED = new DemoLogin("moderator@example.com", "MODERATOR", true, true, true);

	@Test
	void isRedInProductionWhileADemoLoginHasTheDemoPassword() {
		SeedCard card = new SeedCheck(null, false).card(List.of(OPEN, CHANGED, ABSENT, DELETED));
		assertThat(card.state()).isEqualTo(CardState.RED);
		assertThat(card.reason()).contains("admin@example.com").doesNotContain("moderator@example.com");
	}

	@Test
	void isAmberInProductionForDemoLoginsWithChangedPasswords() {
		assertThat(new SeedCheck(null, false).card(List.of(CHANGED, ABSENT, DELETED)).state())
			.isEqualTo(CardState.AMBER);
	}

	@Test
	void isGreenInProductionWithoutDemoLogins() {
		assertThat(new SeedCheck(null, false).card(List.of(ABSENT, DELETED)).state()).isEqualTo(CardState.GREEN);
	}

	@Test
	void expectsEveryDemoLoginInDevMode() {
		assertThat(new SeedCheck(null, true).card(List.of(OPEN, OPEN)).state()).isEqualTo(CardState.GREEN);
		assertThat(new SeedCheck(null, true).card(List.of(OPEN, ABSENT)).state()).isEqualTo(CardState.AMBER);
	}

}
