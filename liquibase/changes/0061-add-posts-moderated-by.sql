--liquibase formatted sql

--changeset inkwell:0061-add-posts-moderated-by
-- the MODERATOR or ADMIN who archived or deleted the post; while set, only a MODERATOR
-- or ADMIN may publish or restore it. No foreign key, like audit_log.actor_id: it names
-- an account that may be deleted later.
ALTER TABLE posts ADD COLUMN moderated_by uuid NULL;
--rollback ALTER TABLE posts DROP COLUMN moderated_by;
