DROP TABLE password_resets;
ALTER TABLE users DROP COLUMN session_generation;
ALTER TABLE users DROP COLUMN removed_at;
ALTER TABLE organisations DROP COLUMN approval;
