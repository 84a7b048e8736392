//! Organisations (employers, agencies, providers and the platform) and their people.

pub mod queries;
pub mod routes;
pub mod service;
