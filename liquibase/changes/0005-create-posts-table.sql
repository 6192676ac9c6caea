--liquibase formatted sql

--changeset inkwell:0005-create-posts-table
-- posts_author_id_fkey has no cascade: users are soft-deleted.
-- search is maintained by PostgreSQL, the application never writes it.
CREATE TABLE posts (
    id           uuid        NOT NULL,
    author_id    uuid        NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL DEFAULT '',
    status       post_status NOT NULL DEFAULT 'DRAFT',
    published_at timestamptz NULL,
    search       tsvector    GENERATED ALWAYS AS (
                     setweight(to_tsvector('english', coalesce(title, '')), 'A')
                     || setweight(to_tsvector('english', coalesce(body, '')), 'B')
                 ) STORED,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz NULL,
    CONSTRAINT posts_pkey PRIMARY KEY (id),
    CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id),
    CONSTRAINT posts_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT posts_body_check CHECK (char_length(body) <= 100000),
    CONSTRAINT posts_published_at_check
        CHECK (status <> 'PUBLISHED' OR published_at IS NOT NULL)
);
--rollback DROP TABLE posts;
