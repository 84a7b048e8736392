-- An agency asks to become an employer's client; the employer (or an admin) accepts or
-- declines, and who decided and when is kept. Links recorded before consent was asked
-- stay in force: they count as accepted.
ALTER TABLE agency_clients ADD COLUMN status TEXT NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'accepted', 'declined'));
ALTER TABLE agency_clients ADD COLUMN decided_by TEXT;
ALTER TABLE agency_clients ADD COLUMN decided_at TIMESTAMP;
UPDATE agency_clients
    SET status = 'accepted', decided_by = 'recorded before consent was asked', decided_at = created_at;
CREATE INDEX agency_clients_employer ON agency_clients (employer_id, status);
