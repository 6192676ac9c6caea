package io.inkwell.dashboard;

import java.util.List;

/**
 * Whether the demo logins of the demo seed exist, and whether they still have the public
 * demo password — expected in dev mode, a hole in production.
 *
 * @param devMode the application runs on the embedded dev database
 */
record SeedCard(CardState state, String reason, boolean devMode, List<DemoLogin> demoLogins) implements Card {

	/**
	 * @param present the e-mail exists in {@code users}
	 * @param deleted it is soft-deleted
	 * @param demoPassword its password is still the public demo password
	 */
	record DemoLogin(String email, String role, boolean present, boolean deleted, boolean demoPassword) {
	}

}
