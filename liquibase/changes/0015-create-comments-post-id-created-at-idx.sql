--liquibase formatted sql

--changeset inkwell:0015-create-comments-post-id-created-at-idx
-- live comments of a post, oldest first, keyset on (created_at, id).
CREATE INDEX comments_post_id_created_at_idx
    ON comments (post_id, created_at, id)
    WHERE deleted_at IS NULL;
--rollback DROP INDEX comments_post_id_created_at_idx;
