DROP INDEX audit_log_newest;
DROP INDEX vacancies_newest;
DROP INDEX vacancies_status_newest;
DROP INDEX vacancies_submitter_newest;
DROP INDEX vacancies_employer_newest;
ALTER TABLE vacancies DROP COLUMN version;
