--liquibase formatted sql

--changeset inkwell:0010-create-posts-author-id-status-idx
-- an author's live posts, optionally filtered by status.
CREATE INDEX posts_author_id_status_idx
    ON posts (author_id, status)
    WHERE deleted_at IS NULL;
--rollback DROP INDEX posts_author_id_status_idx;
