--liquibase formatted sql

--changeset inkwell:0011-create-posts-author-id-idx
-- why: the partial posts_author_id_status_idx cannot serve the lookups that
-- posts_author_id_fkey runs when a user row is deleted or its id changes
-- (they have no deleted_at predicate), nor a purge of a user's posts.
-- Without this, each hard delete of a user scans all of posts.
CREATE INDEX posts_author_id_idx
    ON posts (author_id);
--rollback DROP INDEX posts_author_id_idx;
