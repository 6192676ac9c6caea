--liquibase formatted sql

--changeset inkwell:0007-create-post-categories-table
-- post_categories_pkey also serves the FK lookups of post_categories_post_id_fkey.
CREATE TABLE post_categories (
    post_id     uuid NOT NULL,
    category_id uuid NOT NULL,
    CONSTRAINT post_categories_pkey PRIMARY KEY (post_id, category_id),
    CONSTRAINT post_categories_post_id_fkey FOREIGN KEY (post_id)
        REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT post_categories_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES categories (id) ON DELETE CASCADE
);
--rollback DROP TABLE post_categories;
