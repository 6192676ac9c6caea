--liquibase formatted sql

--changeset inkwell:0001-create-user-role-type
CREATE TYPE user_role AS ENUM ('USER', 'ADMIN', 'MODERATOR');
--rollback DROP TYPE user_role;
