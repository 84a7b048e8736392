//! `GET /api/v1/postcodes/{postcode}`: where a postcode is.

use actix_web::web;

use crate::error::{AppError, ErrorEnvelope};
use crate::geo::Location;
use crate::types::Postcode;
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/api/v1/postcodes/{postcode}",
        web::get().to(locate_postcode),
    );
}

/// Where a postcode is: 404 when its district is unknown, 422 when it is malformed.
#[utoipa::path(get, path = "/api/v1/postcodes/{postcode}", tag = "postcodes",
    responses((status = 200, body = Location), (status = 400, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
pub async fn locate_postcode(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<web::Json<Location>, AppError> {
    let postcode = Postcode::parse(&path.into_inner(), "postcode")?;
    state
        .gazetteer
        .locate(&postcode, "postcode")
        .map(web::Json)
        .map_err(|_| AppError::NotFound {
            code: "postcode_not_found",
            what: "Postcode",
        })
}
