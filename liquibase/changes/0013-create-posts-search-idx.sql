--liquibase formatted sql

--changeset inkwell:0013-create-posts-search-idx
-- full-text search: WHERE search @@ websearch_to_tsquery('english', $1).
CREATE INDEX posts_search_idx
    ON posts USING gin (search);
--rollback DROP INDEX posts_search_idx;
