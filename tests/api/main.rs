//! Integration tests: the real app on a random port, a fresh database per test.

mod access_matrix;
mod better_off;
mod browser;
mod cli;
mod errors;
mod hardening;
mod helpers;
mod import;
mod jobs;
mod login;
mod postcodes;
mod snapshots;
mod vacancies;
mod vacancy_pages;
