--liquibase formatted sql

--changeset inkwell:0012-create-posts-created-at-idx
-- list without status filter, newest first, keyset on (created_at, id).
CREATE INDEX posts_created_at_idx
    ON posts (created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
--rollback DROP INDEX posts_created_at_idx;
