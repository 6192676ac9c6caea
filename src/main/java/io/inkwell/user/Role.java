package io.inkwell.user;

/** What a user may do; stored as the PostgreSQL enum {@code user_role}. */
public enum Role {

	USER, MODERATOR, ADMIN

}
