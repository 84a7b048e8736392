ALTER TABLE vacancies DROP COLUMN apply_email;
ALTER TABLE vacancies DROP COLUMN apply_url;
