--liquibase formatted sql

--changeset inkwell:0018-create-pg-trgm-extension
-- trigram indexes serve the posts list's `q` filter (ILIKE '%…%' on title and body).
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--rollback DROP EXTENSION IF EXISTS pg_trgm;
