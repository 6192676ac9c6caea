--liquibase formatted sql

--changeset inkwell:0051-create-audit-log-target-id-idx
-- "what happened to this row": the question an audit log is asked
CREATE INDEX IF NOT EXISTS audit_log_target_id_idx ON audit_log (target_id, created_at);
--rollback DROP INDEX IF EXISTS audit_log_target_id_idx;
