//! The Tera templates, compiled into the binary so the portal runs from any directory.

use std::sync::LazyLock;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = &embedded![
    "base.html",
    "macros.html",
    "better_off/check.html",
    "jobs/list.html",
    "jobs/show.html",
    "vacancies/form.html",
    "vacancies/list.html",
    "vacancies/manage.html",
    "vacancies/import.html",
    "vacancies/clients.html",
    "home.html",
    "about.html",
    "error.html",
    "accounts/login.html",
    "dashboard/admin.html",
    "dashboard/adviser.html",
    "dashboard/agency.html",
    "dashboard/employer.html",
    "dashboard/provider_manager.html",
    "admin/organisations.html",
    "admin/organisation.html",
    "admin/audit.html",
    "organisations/own.html",
];

static TERA: LazyLock<Result<tera::Tera, String>> = LazyLock::new(|| {
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(TEMPLATES.iter().copied())
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
