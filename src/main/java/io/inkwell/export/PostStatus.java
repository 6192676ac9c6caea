package io.inkwell.export;

/**
 * The values of the PostgreSQL enum {@code post_status}: the whitelist for the {@code status}
 * filter of the export (the export reads {@code posts} with SQL of its own, as STYLE.md asks).
 */
enum PostStatus {

	DRAFT, PUBLISHED, ARCHIVED

}
