-- How to apply: a web address (https only) and an email address, both optional; a
-- job seeker with an adviser is always told to ask them to put them forward.
ALTER TABLE vacancies ADD COLUMN apply_url TEXT;
ALTER TABLE vacancies ADD COLUMN apply_email TEXT;
