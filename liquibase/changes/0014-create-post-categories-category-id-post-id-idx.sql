--liquibase formatted sql

--changeset inkwell:0014-create-post-categories-category-id-post-id-idx
-- posts of a category (index-only), and the FK lookups of
-- post_categories_category_id_fkey when a category is deleted.
CREATE INDEX post_categories_category_id_post_id_idx
    ON post_categories (category_id, post_id);
--rollback DROP INDEX post_categories_category_id_post_id_idx;
