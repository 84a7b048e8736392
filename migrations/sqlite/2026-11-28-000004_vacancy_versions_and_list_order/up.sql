-- Every change to a vacancy bumps its version; a change is written only over the version
-- it was read at, so two people changing one vacancy at once cannot undo each other.
ALTER TABLE vacancies ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
-- Each list's order (newest first) served by an index, so deep pages stay fast.
CREATE INDEX vacancies_employer_newest ON vacancies (employer_id, created_at, id);
CREATE INDEX vacancies_submitter_newest ON vacancies (submitted_by, created_at, id);
CREATE INDEX vacancies_status_newest ON vacancies (status, created_at, id);
CREATE INDEX vacancies_newest ON vacancies (created_at, id);
CREATE INDEX audit_log_newest ON audit_log (at, id);
