package io.inkwell.dashboard;

/**
 * A column as the data browser shows it.
 *
 * @param type the type's SQL name as PostgreSQL's {@code format_type} writes it, e.g.
 * {@code timestamp with time zone}, {@code user_role} (an enum),
 * {@code character varying(20)}
 * @param masked its values are never shown (passwords, secrets, tokens, hashes)
 */
record TableColumn(String name, String type, boolean nullable, boolean primaryKey, boolean masked) {
}
