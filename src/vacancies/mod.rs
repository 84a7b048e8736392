//! Vacancies: what employers and agencies post, checked against the Living Wage, located by
//! postcode, and shown on the public jobs page.

pub mod domain;
pub mod import;
pub mod input;
mod jobs;
mod pages;
pub mod queries;
pub mod routes;
pub mod service;
