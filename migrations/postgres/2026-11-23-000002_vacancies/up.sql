CREATE TABLE vacancies (
    id TEXT PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    employer_id TEXT NOT NULL REFERENCES organisations (id),
    submitted_by TEXT NOT NULL REFERENCES organisations (id),
    source_ref TEXT,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    sector TEXT NOT NULL,
    remote BOOLEAN NOT NULL,
    postcode TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    location_precision TEXT,
    in_greater_london BOOLEAN NOT NULL,
    pay_pence BIGINT NOT NULL,
    pay_per TEXT NOT NULL CHECK (pay_per IN ('hour', 'year', 'year_fte')),
    fte_hours INTEGER NOT NULL,
    hourly_pay_pence BIGINT NOT NULL,
    hours_min INTEGER NOT NULL,
    hours_max INTEGER NOT NULL,
    contract TEXT NOT NULL,
    patterns TEXT NOT NULL,
    open_to_flexibility BOOLEAN NOT NULL,
    closes_on DATE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paused', 'filled', 'closed')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (submitted_by, source_ref)
);
CREATE INDEX vacancies_employer ON vacancies (employer_id, status);
CREATE INDEX vacancies_submitted_by ON vacancies (submitted_by, status);
CREATE INDEX vacancies_open ON vacancies (status, created_at);
