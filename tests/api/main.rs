//! Integration tests: the real app on a random port, a fresh database per test.

mod access_matrix;
mod accounts;
mod accreditation;
mod agency_clients;
mod better_off;
mod browser;
mod cli;
mod concurrency;
mod errors;
mod hardening;
mod helpers;
mod import;
mod jobs;
mod login;
mod migrations;
mod postcodes;
mod reliability;
mod snapshots;
mod vacancies;
mod vacancy_pages;
