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
    let all = SHELL
        .iter()
        .chain(crate::CAPABILITIES.iter().flat_map(|c| c.templates.iter()));
    tera.add_raw_templates(all.copied())
        .map_err(|e| format!("{e:?}"))?;
    Ok(tera)
});

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
    fn every_template_compiles() {
        if let Err(e) = TERA.as_ref() {
            panic!("{e}");
        }
    }
}
