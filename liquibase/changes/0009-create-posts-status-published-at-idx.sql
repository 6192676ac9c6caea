--liquibase formatted sql

--changeset inkwell:0009-create-posts-status-published-at-idx
-- public list: WHERE status = $1 AND deleted_at IS NULL
-- ORDER BY published_at DESC, id DESC with keyset (published_at, id) < ($2, $3).
CREATE INDEX posts_status_published_at_idx
    ON posts (status, published_at DESC, id DESC)
    WHERE deleted_at IS NULL;
--rollback DROP INDEX posts_status_published_at_idx;
