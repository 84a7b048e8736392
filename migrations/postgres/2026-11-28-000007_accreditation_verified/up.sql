-- Living Wage accreditation is set by Better Work's admins once they have verified it: the
-- date they verified it and a note of how. Employers ask for it, with a note of their own.
ALTER TABLE organisations ADD COLUMN living_wage_verified_on DATE;
ALTER TABLE organisations ADD COLUMN living_wage_note TEXT;
ALTER TABLE organisations ADD COLUMN living_wage_requested_at TIMESTAMP;
ALTER TABLE organisations ADD COLUMN living_wage_request_note TEXT;
-- Nobody checked the accreditation employers ticked for themselves: each tick becomes a
-- request for an admin to verify, and stops counting until then.
UPDATE organisations
    SET living_wage_accredited = FALSE,
        living_wage_requested_at = updated_at,
        living_wage_request_note = 'Ticked on Better Work before accreditation was verified.'
    WHERE living_wage_accredited;
