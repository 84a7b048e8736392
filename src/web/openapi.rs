//! The OpenAPI document, generated from the handlers' own types.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Better Work API", description = "Job brokerage for people in low-paid work who want a better job. \
        Authenticate with POST /api/v1/auth/token and send `Authorization: Bearer <token>`."),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// The whole document: the shell's description with every capability's paths merged in.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for capability in crate::CAPABILITIES {
        doc.merge((capability.openapi)());
    }
    doc
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_lists_every_capabilitys_routes() {
        let doc = document();
        for path in [
            "/api/v1/auth/token",
            "/api/v1/me",
            "/api/v1/organisations/{id}/users",
            "/api/v1/organisations/{id}/agencies/{agency}/accept",
            "/api/v1/agency/clients",
            "/api/v1/organisations/{id}/accreditation",
            "/api/v1/organisations/{id}/accreditation-request",
            "/api/v1/vacancies/{ref}",
            "/api/v1/better-off",
            "/api/v1/postcodes/{postcode}",
            "/api/v1/audit",
        ] {
            assert!(doc.paths.paths.contains_key(path), "{path} missing");
        }
    }
}
