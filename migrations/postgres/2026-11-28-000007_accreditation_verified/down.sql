-- Only verified accreditation stays: a request waiting for an admin is not restored as a tick.
ALTER TABLE organisations DROP COLUMN living_wage_request_note;
ALTER TABLE organisations DROP COLUMN living_wage_requested_at;
ALTER TABLE organisations DROP COLUMN living_wage_note;
ALTER TABLE organisations DROP COLUMN living_wage_verified_on;
