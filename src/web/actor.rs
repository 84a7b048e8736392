//! Who is asking: the actor behind a request, read from the `Authorization: Bearer` header
//! (API) or the session cookie (pages), refused when the session was revoked or the account
//! no longer exists.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};

use crate::access::{Actor, SESSION_COOKIE};
use crate::accounts::queries as account_queries;
use crate::error::AppError;
use crate::web::PageError;
use crate::AppState;

fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// Turns a session token into the actor it belongs to, refusing revoked sessions and
/// accounts that no longer exist.
async fn actor_from_token(state: &AppState, token: &str) -> Result<Actor, AppError> {
    let claims = state.sessions.verify(token, state.now())?;
    state
        .db
        .run(move |conn| {
            if account_queries::is_session_revoked(conn, &claims.sid)? {
                return Err(AppError::Unauthenticated);
            }
            account_queries::find_actor(conn, &claims.sub, &claims.sid, claims.generation)?
                .ok_or(AppError::Unauthenticated)
        })
        .await
}

fn app_state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("application state missing")))
}

type ExtractFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>>>>;

/// API callers authenticate with `Authorization: Bearer <token>`.
impl FromRequest for Actor {
    type Error = AppError;
    type Future = ExtractFuture<Actor, AppError>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let state = app_state(req);
        let ip = Some(client_ip(req));
        Box::pin(async move {
            let state = state?;
            let token = token.ok_or(AppError::Unauthenticated)?;
            let actor = actor_from_token(&state, &token).await?;
            Ok(Actor { ip, ..actor })
        })
    }
}

/// A person using the pages, authenticated by the session cookie.
pub struct PageActor(pub Actor);

impl FromRequest for PageActor {
    type Error = PageError;
    type Future = ExtractFuture<PageActor, PageError>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string());
        let state = app_state(req);
        let ip = Some(client_ip(req));
        let req = req.clone();
        Box::pin(async move {
            let result = async {
                let state = state?;
                let token = token.ok_or(AppError::Unauthenticated)?;
                let actor = actor_from_token(&state, &token).await?;
                Ok(Actor { ip, ..actor })
            }
            .await;
            result.map(PageActor).map_err(|e| PageError::new(&req, e))
        })
    }
}

/// The actor of a page anyone may see, when the visitor is logged in.
pub async fn visitor(state: &AppState, req: &HttpRequest) -> Option<Actor> {
    let token = req.cookie(SESSION_COOKIE)?;
    let actor = actor_from_token(state, token.value()).await.ok()?;
    Some(Actor {
        ip: Some(client_ip(req)),
        ..actor
    })
}

/// The address a request came from (the connection's peer: forwarded headers can be forged).
pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|addr| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}
