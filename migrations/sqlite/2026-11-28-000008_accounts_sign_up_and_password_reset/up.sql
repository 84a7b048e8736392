-- Employers and agencies may sign themselves up; their organisation waits for an admin to
-- approve it. Every organisation stored so far was added by an admin, so it is approved.
ALTER TABLE organisations ADD COLUMN approval TEXT NOT NULL DEFAULT 'approved'
    CHECK (approval IN ('approved', 'pending', 'rejected'));

-- A removed person's row stays, so the audit trail can still name them; they can no longer
-- log in. Raising the session generation ends every session issued before it.
ALTER TABLE users ADD COLUMN removed_at TIMESTAMP;
ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;

-- Single-use password reset links. Only a hash of the link's token is kept, so reading the
-- database does not give anyone a working link.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX password_resets_user ON password_resets (user_id);
