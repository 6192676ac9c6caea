--liquibase formatted sql

--changeset inkwell:9001-add-posts-subtitle
-- Expand: a NULLABLE column without a default. Old releases never name it (no SELECT *), so
-- they keep working after this runs; a later release may start to fill it.
ALTER TABLE posts ADD COLUMN subtitle text NULL;
--rollback ALTER TABLE posts DROP COLUMN subtitle;
