--liquibase formatted sql

--changeset inkwell:0022-create-posts-title-idx
-- posts list sorted by title, keyset on (title, id).
-- Plain CREATE INDEX (SHARE lock: blocks writes to posts while it builds): CONCURRENTLY
-- deadlocks with a second `migrate` waiting on the advisory lock, because it waits for every
-- older snapshot. On a large posts table, build it beforehand by hand with
-- CREATE INDEX CONCURRENTLY and the same definition; IF NOT EXISTS then finds it.
CREATE INDEX IF NOT EXISTS posts_title_idx
    ON posts (title, id)
    WHERE deleted_at IS NULL;
--rollback DROP INDEX IF EXISTS posts_title_idx;
