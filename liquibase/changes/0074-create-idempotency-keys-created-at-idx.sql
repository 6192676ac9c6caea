--liquibase formatted sql

--changeset inkwell:0074-create-idempotency-keys-created-at-idx
-- the expiry clean-up reads the oldest rows first, a batch at a time
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
--rollback DROP INDEX idempotency_keys_created_at_idx;
