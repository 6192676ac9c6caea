package io.inkwell.post;

/** Where a post is in its life; stored as the PostgreSQL enum {@code post_status}. */
enum PostStatus {

	DRAFT, PUBLISHED, ARCHIVED

}
