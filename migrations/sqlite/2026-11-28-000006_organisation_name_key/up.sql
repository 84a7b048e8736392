-- Organisation names must be unique once capitals, Unicode compatibility forms, spacing and
-- invisible characters are set aside ("Thameside Care Homes", "thameside care homes" and
-- "Thameside<zero-width space>Care Homes" are one name). The key is computed by the portal
-- (`types::name_key`), which fills it for existing rows at start-up; NULL until then.
ALTER TABLE organisations ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX organisations_by_name_key ON organisations (name_key);
