DROP INDEX organisations_by_name_key;
ALTER TABLE organisations DROP COLUMN name_key;
