--liquibase formatted sql

--changeset inkwell:0006-create-categories-table
CREATE TABLE categories (
    id         uuid        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT categories_pkey PRIMARY KEY (id),
    CONSTRAINT categories_name_key UNIQUE (name),
    CONSTRAINT categories_name_check CHECK (char_length(name) BETWEEN 1 AND 100)
);
--rollback DROP TABLE categories;
