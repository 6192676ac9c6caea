--liquibase formatted sql

--changeset inkwell:0020-create-posts-body-trgm-idx
-- posts list `q`: body ILIKE '%…%' (OR-ed with the title index in a bitmap scan).
-- Plain CREATE INDEX (SHARE lock: blocks writes to posts while it builds): CONCURRENTLY
-- deadlocks with a second `migrate` waiting on the advisory lock, because it waits for every
-- older snapshot. On a large posts table, build it beforehand by hand with
-- CREATE INDEX CONCURRENTLY and the same definition; IF NOT EXISTS then finds it.
CREATE INDEX IF NOT EXISTS posts_body_trgm_idx
    ON posts USING gin (body gin_trgm_ops)
    WHERE deleted_at IS NULL;
--rollback DROP INDEX IF EXISTS posts_body_trgm_idx;
