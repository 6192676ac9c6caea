package io.inkwell.security;

/**
 * What a user may do; stored as the PostgreSQL enum {@code user_role}. Here with the rest
 * of authorization ({@link Actor}, the tokens), which the user feature uses, not the
 * other way round.
 */
public enum Role {

	USER, MODERATOR, ADMIN

}
