--liquibase formatted sql

--changeset inkwell:0004-create-profiles-table
-- profiles_user_id_key also serves the FK lookups of profiles_user_id_fkey.
CREATE TABLE profiles (
    id         uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    bio        text        NULL,
    avatar     text        NULL,
    post_count integer     NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT profiles_pkey PRIMARY KEY (id),
    CONSTRAINT profiles_user_id_key UNIQUE (user_id),
    CONSTRAINT profiles_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT profiles_bio_check CHECK (char_length(bio) <= 2000),
    CONSTRAINT profiles_avatar_check CHECK (char_length(avatar) <= 2048),
    CONSTRAINT profiles_post_count_check CHECK (post_count >= 0)
);
--rollback DROP TABLE profiles;
