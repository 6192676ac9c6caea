--liquibase formatted sql

--changeset inkwell:0041-create-transfers-from-user-id-idx
-- a user's outgoing transfers, and the lookups transfers_from_user_id_fkey runs
-- when a user row is hard-deleted (without it each delete scans the ledger).
CREATE INDEX transfers_from_user_id_idx
    ON transfers (from_user_id, created_at);
--rollback DROP INDEX transfers_from_user_id_idx;
