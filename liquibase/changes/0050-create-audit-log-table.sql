--liquibase formatted sql

--changeset inkwell:0050-create-audit-log-table
-- who did what to which row, and when: the admin hard deletes.
-- actor_id and target_id have no foreign keys: the record outlives the rows it names.
CREATE TABLE audit_log (
    id         uuid        NOT NULL,
    actor_id   uuid        NOT NULL,
    action     text        NOT NULL,
    target_id  uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_log_pkey PRIMARY KEY (id),
    CONSTRAINT audit_log_action_check CHECK (char_length(action) BETWEEN 1 AND 100)
);
--rollback DROP TABLE audit_log;
