DROP INDEX agency_clients_employer;
DELETE FROM agency_clients WHERE status <> 'accepted';
ALTER TABLE agency_clients DROP COLUMN decided_at;
ALTER TABLE agency_clients DROP COLUMN decided_by;
ALTER TABLE agency_clients DROP COLUMN status;
