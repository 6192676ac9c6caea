--liquibase formatted sql

--changeset inkwell:0042-create-transfers-to-user-id-idx
-- a user's incoming transfers, and the lookups of transfers_to_user_id_fkey
-- when a user row is hard-deleted.
CREATE INDEX transfers_to_user_id_idx
    ON transfers (to_user_id, created_at);
--rollback DROP INDEX transfers_to_user_id_idx;
