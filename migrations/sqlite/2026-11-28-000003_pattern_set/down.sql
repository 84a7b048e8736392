ALTER TABLE vacancies ADD COLUMN patterns TEXT NOT NULL DEFAULT '';
UPDATE vacancies SET patterns = rtrim(
    (CASE WHEN pattern_set & 1 <> 0 THEN 'part_time;' ELSE '' END) ||
    (CASE WHEN pattern_set & 2 <> 0 THEN 'job_share;' ELSE '' END) ||
    (CASE WHEN pattern_set & 4 <> 0 THEN 'school_hours;' ELSE '' END) ||
    (CASE WHEN pattern_set & 8 <> 0 THEN 'term_time;' ELSE '' END) ||
    (CASE WHEN pattern_set & 16 <> 0 THEN 'compressed_hours;' ELSE '' END) ||
    (CASE WHEN pattern_set & 32 <> 0 THEN 'annualised_hours;' ELSE '' END) ||
    (CASE WHEN pattern_set & 64 <> 0 THEN 'flexible_start;' ELSE '' END) ||
    (CASE WHEN pattern_set & 128 <> 0 THEN 'evenings;' ELSE '' END) ||
    (CASE WHEN pattern_set & 256 <> 0 THEN 'weekends;' ELSE '' END) ||
    (CASE WHEN pattern_set & 512 <> 0 THEN 'hybrid;' ELSE '' END) ||
    (CASE WHEN pattern_set & 1024 <> 0 THEN 'remote;' ELSE '' END), ';');
ALTER TABLE vacancies DROP COLUMN pattern_set;
