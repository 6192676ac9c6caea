--liquibase formatted sql

--changeset inkwell:0060-add-users-token-version
-- bearer tokens carry the version they were issued under; revoking a user's tokens
-- (logout-all, the ADMIN's revoke-tokens) raises it, and every older token is refused.
-- A constant default: no table rewrite.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;
--rollback ALTER TABLE users DROP COLUMN token_version;
