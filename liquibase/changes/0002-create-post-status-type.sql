--liquibase formatted sql

--changeset inkwell:0002-create-post-status-type
CREATE TYPE post_status AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');
--rollback DROP TYPE post_status;
