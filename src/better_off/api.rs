//! `POST /api/v1/better-off`: a scenario in, monthly breakdowns out.

use actix_web::web;

use super::domain::BetterOff;
use super::scenario::ScenarioInput;
use super::service;
use crate::access::Actor;
use crate::error::{AppError, ErrorEnvelope};
use crate::web::ApiJson;
use crate::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/better-off", web::post().to(check_api));
}

/// Would the offer leave the household better off? Scenario in, monthly breakdowns out.
#[utoipa::path(post, path = "/api/v1/better-off", tag = "better-off", request_body = ScenarioInput,
    responses((status = 200, body = BetterOff), (status = 400, body = ErrorEnvelope), (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)),
    security(("bearer" = [])))]
pub async fn check_api(
    state: web::Data<AppState>,
    actor: Actor,
    body: ApiJson<ScenarioInput>,
) -> Result<web::Json<BetterOff>, AppError> {
    Ok(web::Json(service::check(
        &state,
        &actor,
        body.into_inner(),
    )?))
}
