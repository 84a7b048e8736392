//! The Tera templates, compiled into the binary so the portal runs from any directory.

use std::sync::LazyLock;

use super::capability::{templates, Template};

/// The shell's own templates; each capability brings its own.
const SHELL: &[Template] = templates![
    "base.html",
    "macros.html",
    "home.html",
    "about.html",
    "error.html",
];

static TERA: LazyLock<Result<tera::Tera, String>> = LazyLock::new(|| {
    let mut tera = tera::Tera::default();
    tera.register_filter("pounds", pounds);
    let all = SHELL
        .iter()
        .chain(crate::CAPABILITIES.iter().flat_map(|c| c.templates.iter()));
    tera.add_raw_templates(all.copied())
        .map_err(|e| format!("{e:?}"))?;
    Ok(tera)
});

/// `{{ pence | pounds }}`: a whole number of pence as people read money (`£14.90`,
/// `£1,234.50`), never through floating point.
fn pounds(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let pence = value
        .as_i64()
        .ok_or_else(|| tera::Error::msg(format!("pounds: {value} is not whole pence")))?;
    Ok(tera::Value::String(
        crate::types::Pence::new(pence).to_string(),
    ))
}

/// Renders a template by name.
pub fn render(name: &str, ctx: &tera::Context) -> anyhow::Result<String> {
    let tera = TERA
        .as_ref()
        .map_err(|e| anyhow::anyhow!("templates do not compile: {e}"))?;
    Ok(tera.render(name, ctx)?)
}

/// What a visitor sees when a page itself fails to render.
pub fn fallback_error_page() -> String {
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Better Work</title></head>\
     <body><h1>Sorry, something went wrong</h1><p>Please try again in a moment.</p></body></html>"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pence_show_as_pounds_in_templates() {
        let mut ctx = tera::Context::new();
        ctx.insert("pay", &1490);
        let shown = tera::Tera::one_off("{{ pay }}", &ctx, false).unwrap();
        assert_eq!(shown, "1490");
        let tera = TERA.as_ref().unwrap();
        let mut one = tera.clone();
        one.add_raw_template("t", "{{ pay | pounds }}").unwrap();
        assert_eq!(one.render("t", &ctx).unwrap(), "£14.90");
    }

    #[test]
    fn every_template_compiles() {
        if let Err(e) = TERA.as_ref() {
            panic!("{e}");
        }
    }
}
