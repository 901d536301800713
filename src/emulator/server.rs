//! The HTTP side: one hyper connection task per client, each request sent where its route
//! (`routes.rs`) says, its body read within bounds, and the handler's answer written back.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};

use super::routes::Route;
use super::state::{Answer, State};
use crate::api::Flavor;

pub type Body = BoxBody<Bytes, std::io::Error>;

pub async fn handle(
    state: Arc<State>,
    request: Request<Incoming>,
) -> Result<Response<Body>, hyper::Error> {
    let path = request.uri().path().to_owned();
    let route = super::routes::route(&path);
    // Azure Data Explorer: the demo cluster's query and management endpoints.
    if route == Route::Cluster {
        return Ok(super::adx::serve(state, &path, request).await);
    }
    let method = request.method().clone();
    let authorization = request
        .headers()
        .get(hyper::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let declared_length = request
        .headers()
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    // Log Analytics: the query (POST) and the metadata (GET or POST).
    if let Route::Workspace { id, call } = &route {
        let caller = match super::workspace::authorize(&state, authorization.as_deref()) {
            Ok(caller) => caller,
            Err(refused) => return Ok(respond(refused)),
        };
        let prefer = request
            .headers()
            .get("prefer")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = match read_body(request.into_body(), declared_length, None, &state).await {
            Ok(body) => body,
            Err(refused) => return Ok(respond(refused)),
        };
        let answer =
            super::workspace::answer(state.clone(), caller, id, *call, prefer.as_deref(), body)
                .await;
        return Ok(respond(answer));
    }
    // Graph's custom detection rules.
    if let Route::DetectionRules { id } = &route {
        let body = match read_body(
            request.into_body(),
            declared_length,
            Some(Flavor::Graph),
            &state,
        )
        .await
        {
            Ok(body) => body,
            Err(refused) => return Ok(respond(refused)),
        };
        let answer = super::detection_rules::serve(
            state,
            &method,
            id.clone(),
            authorization.as_deref(),
            body,
        )
        .await;
        return Ok(respond(answer));
    }
    let flavor = match route {
        Route::Hunting(flavor) => Some(flavor),
        _ => None,
    };
    if method != hyper::Method::POST {
        return Ok(respond(Answer::json(
            405,
            super::shape::error(flavor, "MethodNotAllowed", "Use POST.", &state.request_id()),
        )));
    }
    // Who is calling is known from the headers: a caller without a valid token is answered
    // before a byte of its body is read.
    let caller = match flavor {
        Some(flavor) => match super::hunting::authorize(&state, flavor, authorization.as_deref()) {
            Ok(caller) => Some(caller),
            Err(refused) => return Ok(respond(refused)),
        },
        None => None,
    };
    let body = match read_body(request.into_body(), declared_length, flavor, &state).await {
        Ok(body) => body,
        Err(refused) => return Ok(respond(refused)),
    };
    let answer = match (route, caller) {
        (Route::Hunting(flavor), Some(caller)) => {
            super::hunting::run(state.clone(), flavor, caller, body).await
        }
        (Route::Token { tenant }, _) => {
            let form = form(&body);
            let token_url = format!("{}{path}", state.base_url);
            let lifetime = Duration::from_secs(state.faults.token_lifetime_seconds.unwrap_or(3599));
            let revoked = state
                .faults
                .token_revoked_after_seconds
                .map(Duration::from_secs);
            let (status, json) = state
                .identity()
                .token(&tenant, &token_url, &form, lifetime, revoked);
            Answer::json(status, json)
        }
        (Route::DeviceCode { tenant }, _) => {
            let (status, json) = state.identity().device_code(&tenant, &form(&body));
            Answer::json(status, json)
        }
        _ => Answer::json(
            404,
            super::shape::error(
                None,
                "NotFound",
                &format!("No such endpoint: {path}"),
                &state.request_id(),
            ),
        ),
    };
    Ok(respond(answer))
}

/// The largest request body read: a query or a sign-in form is a few KB, but a hostile query a
/// million brackets deep (2 MB) must still reach the engine and be refused in words. More is
/// refused with 413, unread.
pub const MAX_REQUEST_BODY: usize = 8 << 20;

/// The request's body, up to [`MAX_REQUEST_BODY`], or the answer that refuses it.
async fn read_body(
    body: Incoming,
    declared_length: Option<u64>,
    flavor: Option<Flavor>,
    state: &State,
) -> Result<Vec<u8>, Answer> {
    let too_large = || {
        Answer::json(
            413,
            super::shape::error(
                flavor,
                "RequestEntityTooLarge",
                &format!(
                    "The request body is larger than {} KB, the most this service reads. Send a shorter query.",
                    MAX_REQUEST_BODY >> 10
                ),
                &state.request_id(),
            ),
        )
    };
    if declared_length.is_some_and(|n| n > MAX_REQUEST_BODY as u64) {
        return Err(too_large());
    }
    match http_body_util::Limited::new(body, MAX_REQUEST_BODY)
        .collect()
        .await
    {
        Ok(collected) => Ok(collected.to_bytes().to_vec()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Err(e) => Err(Answer::json(
            400,
            super::shape::error(
                flavor,
                "BadRequest",
                &format!("The request body could not be read: {e}"),
                &state.request_id(),
            ),
        )),
    }
}

/// An answer as an HTTP response.
pub(super) fn respond(answer: Answer) -> Response<Body> {
    let full = answer.body.len();
    let body: Body = if answer.truncate {
        Cut {
            half: Some(Bytes::from(answer.body[..full / 2].to_vec())),
            pause: None,
        }
        .boxed()
    } else {
        Full::new(Bytes::from(answer.body))
            .map_err(|never| match never {})
            .boxed()
    };
    let mut response = Response::builder()
        .status(answer.status)
        .header(hyper::header::CONTENT_TYPE, answer.content_type)
        // A truncated answer still promises the whole length: the client sees a broken transfer.
        .header(hyper::header::CONTENT_LENGTH, full);
    if let Some(seconds) = answer.retry_after {
        response = response.header(hyper::header::RETRY_AFTER, seconds);
    }
    if let Some(applied) = &answer.preference_applied {
        response = response.header("preference-applied", applied.as_str());
    }
    response.body(body).unwrap_or_else(|_| {
        Response::new(
            Full::new(Bytes::new())
                .map_err(|never| match never {})
                .boxed(),
        )
    })
}

/// A body that sends its first half and then fails, so the connection drops mid-transfer.
/// It waits a moment before failing, so the half is on the wire first.
struct Cut {
    half: Option<Bytes>,
    pause: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl hyper::body::Body for Cut {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, std::io::Error>>> {
        use std::task::Poll;
        if let Some(half) = self.half.take() {
            return Poll::Ready(Some(Ok(hyper::body::Frame::data(half))));
        }
        let pause = self
            .pause
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(Duration::from_millis(100))));
        match pause.as_mut().poll(context) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => Poll::Ready(Some(Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "cut off on request (fault)",
            )))),
        }
    }
}

/// A form-encoded body as name → value.
fn form(body: &[u8]) -> HashMap<String, String> {
    use crate::text::percent_decode;
    String::from_utf8_lossy(body)
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect()
}
