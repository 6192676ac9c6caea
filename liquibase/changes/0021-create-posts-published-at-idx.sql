--liquibase formatted sql

--changeset inkwell:0021-create-posts-published-at-idx
-- posts list sorted by publishedAt without a status filter, keyset on (published_at, id);
-- posts_status_published_at_idx only serves it when status is given.
-- DESC with PostgreSQL's default NULLS FIRST, as the query orders (never-published rows first).
-- Plain CREATE INDEX (SHARE lock: blocks writes to posts while it builds): CONCURRENTLY
-- deadlocks with a second `migrate` waiting on the advisory lock, because it waits for every
-- older snapshot. On a large posts table, build it beforehand by hand with
-- CREATE INDEX CONCURRENTLY and the same definition; IF NOT EXISTS then finds it.
CREATE INDEX IF NOT EXISTS posts_published_at_idx
    ON posts (published_at DESC, id DESC)
    WHERE deleted_at IS NULL;
--rollback DROP INDEX IF EXISTS posts_published_at_idx;
