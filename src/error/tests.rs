//! How each error answers, and that every variant is raised somewhere.

use super::*;

#[test]
fn an_invalid_field_is_a_422_naming_the_field() {
    let e = AppError::invalid("email", "Enter an email address.");
    assert_eq!(e.status_code(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = serde_json::to_value(e.envelope()).unwrap();
    assert_eq!(body["error"]["code"], "invalid_field");
    assert_eq!(body["error"]["field"], "email");
}

#[test]
fn an_internal_error_never_shows_its_cause() {
    let e = AppError::internal(anyhow::anyhow!("password column missing"));
    assert_eq!(e.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!e.to_string().contains("password column"));
    assert!(e.envelope().error.field.is_none());
}

/// A database error as the driver reports it.
struct Reported(&'static str);

impl diesel::result::DatabaseErrorInformation for Reported {
    fn message(&self) -> &str {
        self.0
    }
    fn details(&self) -> Option<&str> {
        None
    }
    fn hint(&self) -> Option<&str> {
        None
    }
    fn table_name(&self) -> Option<&str> {
        None
    }
    fn column_name(&self) -> Option<&str> {
        None
    }
    fn constraint_name(&self) -> Option<&str> {
        None
    }
    fn statement_position(&self) -> Option<i32> {
        None
    }
}

#[test]
fn a_busy_or_slow_database_is_a_503_to_retry_not_a_500() {
    for message in [
        "database is locked",
        "canceling statement due to statement timeout",
    ] {
        let e = AppError::from(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new(Reported(message)),
        ));
        assert_eq!(
            e.status_code(),
            StatusCode::SERVICE_UNAVAILABLE,
            "{message}"
        );
        assert_eq!(e.retry_after(), Some("5"));
    }
    let broken = AppError::from(diesel::result::Error::DatabaseError(
        diesel::result::DatabaseErrorKind::Unknown,
        Box::new(Reported("no such column: title")),
    ));
    assert_eq!(broken.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[test]
fn a_wrong_method_is_a_405_listing_the_allowed_ones() {
    let e = AppError::MethodNotAllowed {
        method: "DELETE".into(),
        allowed: "GET, POST".into(),
    };
    let response = e.error_response();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers().get("allow").unwrap(), "GET, POST");
    assert_eq!(e.code(), "method_not_allowed");
}

#[test]
fn a_missing_row_is_a_404() {
    let e = AppError::from(diesel::result::Error::NotFound);
    assert_eq!(e.status_code(), StatusCode::NOT_FOUND);
}

/// The variant names of `AppError`, read from this file's source.
fn variant_names(source: &str) -> Vec<String> {
    let body = source
        .split("pub enum AppError {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("the AppError enum in src/error/mod.rs");
    body.lines()
        .filter_map(|line| line.strip_prefix("    "))
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| {
            let end = line
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(line.len());
            line[..end].to_string()
        })
        .collect()
}

/// `MultiWord` as `multi_word`, the name of a variant's constructor function.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The text after a balanced `(...)` or `{...}` at the start of `text` (if any) and
/// any closing brackets and spaces, e.g. what follows `AppError::Forbidden(...)`.
fn after_the_variant(text: &str) -> &str {
    let text = text.trim_start();
    let mut depth = 0;
    let mut in_string = false;
    let mut previous = ' ';
    let mut end = 0;
    for (i, c) in text.char_indices() {
        end = i;
        match c {
            '"' if previous != '\\' => in_string = !in_string,
            '(' | '{' if !in_string => depth += 1,
            ')' | '}' if !in_string && depth > 0 => depth -= 1,
            _ if depth == 0 && !in_string => break,
            _ => {}
        }
        previous = c;
        end = i + c.len_utf8();
    }
    text[end..].trim_start_matches(|c: char| c.is_whitespace() || c == ')')
}

/// Whether `code` builds `AppError::<variant>`, directly or through its snake_case
/// constructor, somewhere other than in a pattern (a match arm, `if let`, `matches!`).
fn constructs(code: &str, variant: &str) -> bool {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let constructor = format!("AppError::{}", snake_case(variant));
    let written = format!("AppError::{variant}");
    let named = |at: usize, name: &str| !code[at + name.len()..].starts_with(is_name_char);
    code.match_indices(&constructor)
        .any(|(at, _)| named(at, &constructor))
        || code.match_indices(&written).any(|(at, _)| {
            if !named(at, &written) {
                return false; // a longer name
            }
            let rest = &code[at + written.len()..];
            let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
            let next = after_the_variant(rest);
            let is_pattern = next.starts_with("=>")
                || (next.starts_with('|') && !next.starts_with("||"))
                || (next.starts_with('=') && !next.starts_with("=="))
                || next.starts_with("if ")
                || code[line_start..at].contains("matches!(");
            !is_pattern
        })
}

/// Every `.rs` file below `dir`, without its `#[cfg(test)]` module.
fn sources_below(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).expect("reading src/") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources_below(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("reading a source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            out.push((path, code.to_string()));
        }
    }
}

#[test]
fn telling_a_construction_from_a_pattern() {
    let build = "return Err(AppError::Forbidden(format!(\"no (really) {x}\")));";
    assert!(constructs(build, "Forbidden"));
    assert!(constructs("e.map_err(AppError::internal)?;", "Internal"));
    assert!(!constructs("AppError::internals()", "Internal"));
    assert!(constructs("Err(AppError::internal(e))", "Internal"));
    assert!(constructs(
        "_ => return Err(AppError::BadCredentials),",
        "BadCredentials"
    ));
    for pattern in [
        "AppError::Gone(_) => \"gone\",",
        "AppError::Gone(_)\n        | AppError::Internal(_) => 500,",
        "if let AppError::Gone(reason) = &error {",
        "Err(AppError::Gone { .. }) => None,",
        "matches!(self, AppError::Gone)",
        "AppError::GoneForGood(x)",
    ] {
        assert!(!constructs(pattern, "Gone"), "{pattern}");
    }
}

/// A variant nothing returns is a promise the API never keeps: delete it.
#[test]
fn every_variant_is_constructed_outside_this_file() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = Vec::new();
    sources_below(&src, &mut sources);
    let this_file = src.join("error").join("mod.rs");
    let own = std::fs::read_to_string(&this_file).expect("reading src/error/mod.rs");
    let variants = variant_names(&own);
    assert!(variants.len() > 5, "{variants:?}");
    let unused: Vec<&String> = variants
        .iter()
        .filter(|variant| {
            !sources.iter().any(|(path, code)| {
                !path.starts_with(src.join("error")) && constructs(code, variant)
            })
        })
        .collect();
    assert!(
        unused.is_empty(),
        "AppError variants never constructed outside src/error/: {unused:?}"
    );
}
