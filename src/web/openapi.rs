//! The OpenAPI document, generated from the handlers' own types.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{accounts, audit, better_off, geo, organisations, vacancies};

#[derive(OpenApi)]
#[openapi(
    info(title = "Better Work API", description = "Job brokerage for people in low-paid work who want a better job. \
        Authenticate with POST /api/v1/auth/token and send `Authorization: Bearer <token>`."),
    paths(
        accounts::routes::issue_token,
        accounts::routes::revoke_token,
        accounts::routes::me,
        organisations::routes::list_organisations,
        organisations::routes::create_organisation,
        organisations::routes::get_organisation,
        organisations::routes::change_organisation,
        organisations::routes::list_members,
        organisations::routes::create_member,
        audit::routes::list_entries,
        better_off::routes::check_api,
        geo::routes::locate_postcode,
        vacancies::routes::post_vacancy,
        vacancies::routes::list_vacancies,
        vacancies::routes::get_vacancy,
        vacancies::routes::change_vacancy,
        vacancies::routes::change_status,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

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
    fn the_document_lists_the_account_routes() {
        let doc = ApiDoc::openapi();
        for path in [
            "/api/v1/auth/token",
            "/api/v1/me",
            "/api/v1/organisations/{id}/users",
        ] {
            assert!(doc.paths.paths.contains_key(path), "{path} missing");
        }
    }
}
