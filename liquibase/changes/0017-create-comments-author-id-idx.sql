--liquibase formatted sql

--changeset inkwell:0017-create-comments-author-id-idx
-- FK lookups of comments_author_id_fkey, and a user's comments.
CREATE INDEX comments_author_id_idx
    ON comments (author_id);
--rollback DROP INDEX comments_author_id_idx;
