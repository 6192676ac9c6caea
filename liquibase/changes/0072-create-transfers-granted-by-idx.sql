--liquibase formatted sql

--changeset inkwell:0072-create-transfers-granted-by-idx
-- the lookups of transfers_granted_by_fkey when a user row is hard-deleted; only grants
-- have a granting ADMIN, so the index holds only them.
CREATE INDEX transfers_granted_by_idx
    ON transfers (granted_by) WHERE granted_by IS NOT NULL;
--rollback DROP INDEX transfers_granted_by_idx;
