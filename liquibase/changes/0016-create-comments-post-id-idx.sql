--liquibase formatted sql

--changeset inkwell:0016-create-comments-post-id-idx
-- why: the partial comments_post_id_created_at_idx cannot serve the
-- ON DELETE CASCADE of comments_post_id_fkey (no deleted_at predicate there).
-- Without this, each hard delete of a post scans all of comments.
CREATE INDEX comments_post_id_idx
    ON comments (post_id);
--rollback DROP INDEX comments_post_id_idx;
