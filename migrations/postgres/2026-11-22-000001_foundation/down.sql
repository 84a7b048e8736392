DROP TABLE revoked_sessions;
DROP TABLE login_attempts;
DROP TABLE audit_log;
DROP TABLE agency_clients;
DROP TABLE users;
DROP TABLE organisations;
