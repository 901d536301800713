//! Graph v1.0 `/security/rules/detectionRules` on the demo tenant: list, create, get, update
//! and delete, with the service's answers: 400 with the reason for a rule it would refuse,
//! 409 for a taken id or name, 403 for an app without the permission, 404 for no such rule.

use std::sync::Arc;

use serde_json::{json, Value as Json};

use super::state::{Answer, State};
use crate::api::Flavor;
use crate::assist::diagnose::Severity;
use crate::rules::client::{READ_PERMISSION, WRITE_PERMISSION};
use crate::rules::DetectionRule;

fn error(state: &State, status: u16, code: &str, message: &str) -> Answer {
    Answer::json(
        status,
        super::shape::error(Some(Flavor::Graph), code, message, &state.request_id()),
    )
}

fn context(state: &State, entity: bool) -> String {
    let suffix = if entity { "/$entity" } else { "" };
    format!(
        "{}/v1.0/$metadata#security/rules/detectionRules{suffix}",
        state.base_url
    )
}

fn with_context(state: &State, rule: &DetectionRule) -> String {
    let mut body = json!({ "@odata.context": context(state, true) });
    if let (Some(map), Json::Object(fields)) = (body.as_object_mut(), rule.to_json()) {
        map.extend(fields);
    }
    body.to_string()
}

pub async fn serve(
    state: Arc<State>,
    method: &hyper::Method,
    id: Option<String>,
    authorization: Option<&str>,
    body: Vec<u8>,
) -> Answer {
    let checked = state
        .identity()
        .check(authorization, "https://graph.microsoft.com");
    let client = state.identity().client_of(authorization);
    let has_roles = match checked {
        Ok((_, has_roles)) => has_roles,
        Err(message) => return error(&state, 401, "InvalidAuthenticationToken", &message),
    };
    let writes = *method != hyper::Method::GET;
    let reader = client.as_deref() == Some(super::identity::RULES_READER_CLIENT_ID);
    if !has_roles || (writes && reader) {
        let needed = if writes {
            WRITE_PERMISSION
        } else {
            READ_PERMISSION
        };
        return error(
            &state,
            403,
            "Forbidden",
            &format!("Missing application roles. API required roles: {needed}"),
        );
    }
    let answer = match (method.as_str(), id) {
        ("GET", None) => {
            let book = state.rule_book();
            let value: Vec<Json> = book.rules.values().map(|s| s.rule.to_json()).collect();
            Answer::json(
                200,
                json!({ "@odata.context": context(&state, false), "value": value }).to_string(),
            )
        }
        ("GET", Some(id)) => match state.rule_book().rules.get(&id) {
            Some(stored) => Answer::json(200, with_context(&state, &stored.rule)),
            None => not_found(&state, &id),
        },
        ("POST", None) => return write(state, None, body).await,
        ("PATCH", Some(id)) => return write(state, Some(id), body).await,
        ("DELETE", Some(id)) => {
            let mut book = state.rule_book();
            if book.rules.remove(&id).is_none() {
                return not_found(&state, &id);
            }
            if let Err(e) = book.save() {
                return error(&state, 500, "InternalServerError", &e);
            }
            Answer::json(204, String::new())
        }
        _ => error(
            &state,
            405,
            "MethodNotAllowed",
            "Use GET or POST on the collection, GET, PATCH or DELETE on a rule.",
        ),
    };
    answer
}

fn not_found(state: &State, id: &str) -> Answer {
    error(
        state,
        404,
        "NotFound",
        &format!("No detection rule with id '{id}'."),
    )
}

/// A create (no `id`) or an update: validated as the service does, stored, run at once.
async fn write(state: Arc<State>, id: Option<String>, body: Vec<u8>) -> Answer {
    let Ok(Json::Object(fields)) = serde_json::from_slice::<Json>(&body) else {
        return error(
            &state,
            400,
            "BadRequest",
            "The request body is not a JSON object.",
        );
    };
    let now = crate::results::datetime::now_ticks();
    let stamp = crate::results::datetime::format_ticks(now);
    let mut json = match &id {
        Some(id) => match state.rule_book().rules.get(id) {
            Some(stored) => stored.rule.to_json(),
            None => return not_found(&state, id),
        },
        None => json!({ "createdBy": "kqlhunt-demo", "createdDateTime": stamp }),
    };
    for (key, value) in fields {
        if crate::rules::resource::READ_ONLY.contains(&key.as_str()) {
            continue;
        }
        if key == "id" && id.as_ref().is_some_and(|id| value.as_str() != Some(id)) {
            return error(
                &state,
                400,
                "BadRequest",
                "The rule's id cannot be changed.",
            );
        }
        json[key] = value;
    }
    json["lastModifiedBy"] = "kqlhunt-demo".into();
    json["lastModifiedDateTime"] = stamp.into();
    json["@odata.type"] = crate::rules::resource::ODATA_TYPE.into();
    let rule = match DetectionRule::from_json(&json) {
        Ok(rule) => rule,
        Err(e) => {
            return error(
                &state,
                400,
                "BadRequest",
                &format!("The rule is not a detectionRule: {e}."),
            )
        }
    };
    // The checks run off the async workers: they parse and bind the query.
    let checked = rule.clone();
    let refusal = tokio::task::spawn_blocking(move || {
        crate::rules::check_rule(&crate::assist::knowledge::Knowledge::default(), &checked)
            .into_iter()
            .find(|f| f.severity == Severity::Error)
    })
    .await
    .ok()
    .flatten();
    if let Some(finding) = refusal {
        return error(
            &state,
            400,
            "BadRequest",
            &format!("Invalid rule ({}): {}", finding.code, finding.message),
        );
    }
    {
        let mut book = state.rule_book();
        if id.is_none() && book.rules.contains_key(&rule.id) {
            return error(
                &state,
                409,
                "Conflict",
                &format!("A detection rule with id '{}' already exists.", rule.id),
            );
        }
        if book.name_taken(&rule.display_name, &rule.id) {
            return error(
                &state,
                409,
                "Conflict",
                &format!(
                    "A detection rule named '{}' already exists.",
                    rule.display_name
                ),
            );
        }
        book.put(rule.clone());
        if let Err(e) = book.save() {
            return error(&state, 500, "InternalServerError", &e);
        }
    }
    // A saved rule runs at once over the past 30 days.
    let running = state.clone();
    let _ = tokio::task::spawn_blocking(move || super::rule_runs::tick(&running, now)).await;
    let status = if id.is_some() { 200 } else { 201 };
    Answer::json(status, with_context(&state, &rule))
}
