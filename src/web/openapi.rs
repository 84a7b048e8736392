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

/// The whole document: the shell's description with every capability's paths merged in,
/// and the 503 any operation answers when the database is too busy.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for capability in crate::CAPABILITIES {
        doc.merge((capability.openapi)());
    }
    document_busy(&mut doc);
    doc
}

/// Every operation may find the database busy (no connection free in time, a statement
/// past its limit): 503 with `Retry-After`, in the error envelope.
fn document_busy(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let busy = ResponseBuilder::new()
        .description("Too busy just now: nothing was changed; try again after Retry-After seconds.")
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorEnvelope")))
                .build(),
        )
        .build();
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for operation in operations.into_iter().flatten() {
            operation
                .responses
                .responses
                .insert("503".into(), busy.clone().into());
        }
    }
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
    use serde_json::Value;

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
            "/api/v1/living-wage-check",
            "/api/v1/better-off",
            "/api/v1/postcodes/{postcode}",
            "/api/v1/audit",
        ] {
            assert!(doc.paths.paths.contains_key(path), "{path} missing");
        }
    }

    /// Every operation in the document as `("GET /api/v1/me", operation)`.
    fn operations(doc: &Value) -> Vec<(String, &Value)> {
        let mut out = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("a path item") {
                out.push((format!("{} {path}", method.to_uppercase()), operation));
            }
        }
        out
    }

    fn statuses(operation: &Value) -> Vec<&str> {
        operation["responses"]
            .as_object()
            .map(|r| r.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    fn parameters<'a>(operation: &'a Value, place: &str) -> Vec<&'a str> {
        operation["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter(|p| p["in"] == place)
                    .filter_map(|p| p["name"].as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// What the extractors and the error mapping can answer, whatever the use case: a
    /// client that checks statuses against the document must find each of them there.
    #[test]
    fn every_operation_documents_the_errors_it_can_give() {
        let doc = serde_json::to_value(document()).expect("the document as JSON");
        let mut faults = Vec::new();
        for (name, operation) in operations(&doc) {
            let documented = statuses(operation);
            let mut expect = |status: &str, why: &str| {
                if !documented.contains(&status) {
                    faults.push(format!("{name}: no {status} ({why})"));
                }
            };
            if operation["security"].is_array() {
                expect("401", "no or a bad token");
            }
            if operation["requestBody"].is_object() {
                expect("400", "broken JSON");
                expect("422", "a missing or wrong field");
            }
            if !parameters(operation, "query").is_empty() {
                expect("400", "an unreadable query string");
            }
            let path = name.split_once(' ').map_or("", |(_, p)| p);
            if path.contains('{') {
                expect("400", "a control character in the address");
            }
            for segment in path.split('/').filter(|s| s.starts_with('{')) {
                let parameter = segment.trim_matches(['{', '}']);
                if !parameters(operation, "path").contains(&parameter) {
                    faults.push(format!("{name}: path parameter {parameter} undeclared"));
                }
            }
            for status in documented.iter().filter(|s| s.starts_with(['4', '5'])) {
                let schema = &operation["responses"][status]["content"]["application/json"]
                    ["schema"]["$ref"];
                if schema != "#/components/schemas/ErrorEnvelope" {
                    faults.push(format!("{name}: {status} is not the error envelope"));
                }
            }
        }
        for (name, operation) in operations(&doc) {
            if !statuses(operation).contains(&"503") {
                faults.push(format!("{name}: no 503 (the database busy)"));
            }
        }
        let issue = &doc["paths"]["/api/v1/auth/token"]["post"];
        if !statuses(issue).contains(&"429") {
            faults.push("POST /api/v1/auth/token: no 429 (too many failed log-ins)".into());
        }
        assert!(faults.is_empty(), "{}", faults.join("\n"));
    }

    #[test]
    fn the_living_wage_check_lists_its_query_parameters() {
        let doc = serde_json::to_value(document()).expect("the document as JSON");
        let check = &doc["paths"]["/api/v1/living-wage-check"]["get"];
        assert_eq!(
            parameters(check, "query"),
            ["pay", "pay_per", "hours_max", "fte_hours", "postcode"]
        );
        let pay = &check["parameters"][0];
        assert_eq!(pay["required"], true, "{pay}");
        assert!(check["security"].is_null(), "the check is public");
    }

    /// Every property named `name` in any schema under `value`, inline or not.
    fn properties_named<'a>(value: &'a Value, name: &str, out: &mut Vec<&'a Value>) {
        match value {
            Value::Object(map) => {
                if let Some(property) = map.get("properties").and_then(|p| p.get(name)) {
                    out.push(property);
                }
                map.values().for_each(|v| properties_named(v, name, out));
            }
            Value::Array(items) => items.iter().for_each(|v| properties_named(v, name, out)),
            _ => {}
        }
    }

    #[test]
    fn times_are_documented_as_date_time() {
        let doc = serde_json::to_value(document()).expect("the document as JSON");
        for name in [
            "created_at",
            "updated_at",
            "at",
            "expires_at",
            "requested_at",
            "decided_at",
        ] {
            let mut found = Vec::new();
            properties_named(&doc, name, &mut found);
            assert!(!found.is_empty(), "no {name}");
            for property in found {
                assert_eq!(property["format"], "date-time", "{name}: {property}");
            }
        }
    }
}
