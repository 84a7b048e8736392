//! What each capability hands the web shell: its routes, the navigation links it offers an
//! actor (asking the access policy), its part of the OpenAPI document and its templates.
//! The app builder lists the capabilities once (`crate::CAPABILITIES`); adding one is a
//! line there.

use actix_web::web;
use serde::Serialize;

use crate::access::Actor;

/// One link in the navigation bar; links are shown in `order`.
#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    #[serde(skip)]
    pub order: u16,
    pub href: &'static str,
    pub label: &'static str,
}

impl NavLink {
    pub const fn new(order: u16, href: &'static str, label: &'static str) -> NavLink {
        NavLink { order, href, label }
    }
}

/// A template's name and its source, compiled into the binary.
pub type Template = (&'static str, &'static str);

/// Embeds templates from `templates/` by name.
macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $name)))),*]
    };
}
pub(crate) use templates;

/// A part of the portal that the web shell serves.
pub struct Capability {
    /// Its JSON API routes.
    pub api: fn(&mut web::ServiceConfig),
    /// Its pages' routes.
    pub pages: fn(&mut web::ServiceConfig),
    /// The links it offers this actor (or a visitor); the server still checks each request.
    pub navigation: fn(Option<&Actor>) -> Vec<NavLink>,
    /// Its part of the OpenAPI document.
    pub openapi: fn() -> utoipa::openapi::OpenApi,
    /// The templates its pages render.
    pub templates: &'static [Template],
}

/// No routes.
pub fn no_routes(_: &mut web::ServiceConfig) {}

/// No links.
pub fn no_links(_: Option<&Actor>) -> Vec<NavLink> {
    Vec::new()
}

/// No API.
pub fn no_api() -> utoipa::openapi::OpenApi {
    utoipa::openapi::OpenApi::default()
}
