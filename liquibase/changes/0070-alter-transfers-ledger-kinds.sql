--liquibase formatted sql

--changeset inkwell:0070-alter-transfers-ledger-kinds
-- the transfers table becomes the whole credits ledger: every balance equals the sum of
-- its rows (incoming - outgoing). kind: TRANSFER (user to user), GRANT (credits an ADMIN
-- granted: no sender, granted_by names the ADMIN, reason says why) or OPENING (the balance
-- a user had when the ledger started, or was seeded with: no sender).
ALTER TABLE transfers
    ALTER COLUMN from_user_id DROP NOT NULL,
    ADD COLUMN kind text NOT NULL DEFAULT 'TRANSFER',
    ADD COLUMN granted_by uuid NULL,
    ADD COLUMN reason text NULL,
    ADD CONSTRAINT transfers_granted_by_fkey FOREIGN KEY (granted_by) REFERENCES users (id),
    ADD CONSTRAINT transfers_reason_check CHECK (char_length(reason) BETWEEN 1 AND 500),
    ADD CONSTRAINT transfers_kind_check CHECK (
        (kind = 'TRANSFER' AND from_user_id IS NOT NULL AND granted_by IS NULL)
        OR (kind = 'GRANT' AND from_user_id IS NULL AND granted_by IS NOT NULL)
        OR (kind = 'OPENING' AND from_user_id IS NULL AND granted_by IS NULL));
--rollback DELETE FROM transfers WHERE kind <> 'TRANSFER';
--rollback ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check, DROP CONSTRAINT transfers_reason_check,
--rollback     DROP CONSTRAINT transfers_granted_by_fkey, DROP COLUMN reason, DROP COLUMN granted_by, DROP COLUMN kind,
--rollback     ALTER COLUMN from_user_id SET NOT NULL;
