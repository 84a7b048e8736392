-- Working patterns become a set of bits (one per pattern, in the order the portal lists
-- them) instead of codes joined by ';' and matched with LIKE.
ALTER TABLE vacancies ADD COLUMN pattern_set INTEGER NOT NULL DEFAULT 0;
UPDATE vacancies SET pattern_set =
    (CASE WHEN ';' || patterns || ';' LIKE '%;part_time;%' THEN 1 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;job_share;%' THEN 2 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;school_hours;%' THEN 4 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;term_time;%' THEN 8 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;compressed_hours;%' THEN 16 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;annualised_hours;%' THEN 32 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;flexible_start;%' THEN 64 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;evenings;%' THEN 128 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;weekends;%' THEN 256 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;hybrid;%' THEN 512 ELSE 0 END)
    + (CASE WHEN ';' || patterns || ';' LIKE '%;remote;%' THEN 1024 ELSE 0 END);
ALTER TABLE vacancies DROP COLUMN patterns;
