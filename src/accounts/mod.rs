//! Accounts: people who log in, their sessions, and the defence against password guessing.

pub mod queries;
pub mod routes;
pub mod service;
