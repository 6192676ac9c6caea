--liquibase formatted sql

--changeset inkwell:0073-create-idempotency-keys-table
-- the first answer to each (caller, Idempotency-Key), written in the same transaction as
-- the request's effect: a retry with the same key gets it replayed instead of writing
-- again. request_hash: SHA-256 of method, path, query and body, to refuse the key's reuse
-- for another request. Rows older than the retention window are deleted in small batches.
-- caller has no foreign key: a hard-deleted user's keys expire like any other.
CREATE TABLE idempotency_keys (
    caller       uuid        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    status       smallint    NOT NULL,
    location     text        NULL,
    content_type text        NULL,
    body         bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (caller, key),
    CONSTRAINT idempotency_keys_key_check CHECK (char_length(key) BETWEEN 1 AND 255),
    CONSTRAINT idempotency_keys_status_check CHECK (status BETWEEN 100 AND 599)
);
--rollback DROP TABLE idempotency_keys;
