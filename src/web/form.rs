//! What every form page shares: its faults, all at once. `base.html` turns them into the
//! GOV.UK error summary at the top of the page (a heading, a link to each field, focused
//! when the page loads) and starts the page title with "Error: "; the field macros show
//! each message beside its field.

use serde::Serialize;

use crate::error::AppError;

/// One fault as a page shows it: the field's input id (the summary links to it) and the
/// message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormFault {
    pub field: String,
    /// The id of the element the summary's link moves to: the field's input, or the first
    /// box of a group of checkboxes.
    pub anchor: String,
    pub message: String,
}

/// A form's faults, in the order the page lists its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors(Vec<FormFault>);

impl FormErrors {
    /// No faults yet.
    pub fn none() -> FormErrors {
        FormErrors::default()
    }

    /// The field faults of `error`, each on the form field `rename` maps its code to (an
    /// API code such as `pay_pence` to the form's `pay`, `patterns[2]` to `patterns`).
    /// Empty when the error is not about fields.
    pub fn of_with(error: &AppError, rename: impl Fn(&str) -> String) -> FormErrors {
        let mut errors = FormErrors::none();
        for fault in error.field_faults() {
            errors.add(rename(&fault.field), fault.message);
        }
        if let AppError::Conflict { field, message } = error {
            errors.add(rename(field), message.clone());
        }
        errors
    }

    /// The field faults of `error`, on fields named as the API names them.
    pub fn of(error: &AppError) -> FormErrors {
        FormErrors::of_with(error, |field| {
            field.split('[').next().unwrap_or(field).into()
        })
    }

    /// Notes a fault on `field`; a field keeps its first fault, as a person fixes one thing
    /// at a time.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) -> &mut Self {
        let field = field.into();
        if !self.0.iter().any(|f| f.field == field) {
            self.0.push(FormFault {
                anchor: field.clone(),
                field,
                message: message.into(),
            });
        }
        self
    }

    /// Points the summary's link for `field` at another element (the first checkbox of a
    /// group, say).
    pub fn anchor(&mut self, field: &str, anchor: impl Into<String>) -> &mut Self {
        let anchor = anchor.into();
        for fault in self.0.iter_mut().filter(|f| f.field == field) {
            fault.anchor = anchor.clone();
        }
        self
    }

    /// Puts the faults in the order the page lists its fields (`fields`), so the summary
    /// reads top to bottom whichever check found each fault first; fields not listed keep
    /// their order after the rest.
    pub fn in_page_order(&mut self, fields: &[&str]) -> &mut Self {
        let position = |f: &FormFault| {
            fields
                .iter()
                .position(|field| *field == f.field)
                .unwrap_or(fields.len())
        };
        self.0.sort_by_key(position);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for `field`, if it has a fault.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }

    /// The faults in page order.
    pub fn faults(&self) -> &[FormFault] {
        &self.0
    }

    /// Puts the faults in a page's context: `errors` (field → message, for the field
    /// macros) and `error_summary` (the ordered list `base.html` shows at the top).
    pub fn add_to(&self, ctx: &mut tera::Context) {
        let by_field: std::collections::HashMap<&str, &str> = self
            .0
            .iter()
            .map(|f| (f.field.as_str(), f.message.as_str()))
            .collect();
        ctx.insert("errors", &by_field);
        ctx.insert("error_summary", &self.0);
    }
}

impl From<&AppError> for FormErrors {
    fn from(error: &AppError) -> FormErrors {
        FormErrors::of(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_fault_is_kept_in_order_and_renamed_for_the_form() {
        let error = AppError::all_of(vec![
            AppError::invalid("title", "Enter a job title"),
            AppError::invalid("pay_pence", "Enter the pay"),
            AppError::invalid("patterns[1]", "Select a working pattern from the list"),
        ]);
        let errors = FormErrors::of_with(&error, |f| match f {
            "pay_pence" => "pay".into(),
            other => other.split('[').next().unwrap_or(other).into(),
        });
        let fields: Vec<&str> = errors.faults().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["title", "pay", "patterns"]);
        assert_eq!(errors.get("pay"), Some("Enter the pay"));
    }

    #[test]
    fn the_summary_follows_the_page_not_the_checks() {
        let mut errors = FormErrors::none();
        errors
            .add("pay", "Enter pay")
            .add("extra", "Something else")
            .add("title", "Enter a job title");
        errors.in_page_order(&["title", "sector", "pay"]);
        let fields: Vec<&str> = errors.faults().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["title", "pay", "extra"]);
    }

    #[test]
    fn a_field_shows_its_first_fault_only() {
        let mut errors = FormErrors::none();
        errors
            .add("pay", "Enter the pay")
            .add("pay", "Pay is too high");
        assert_eq!(errors.faults().len(), 1);
        assert_eq!(errors.get("pay"), Some("Enter the pay"));
    }

    #[test]
    fn errors_that_are_not_about_fields_leave_the_form_clean() {
        assert!(FormErrors::of(&AppError::Unavailable("busy".into())).is_empty());
        assert!(FormErrors::of(&AppError::Forbidden("no".into())).is_empty());
    }

    #[test]
    fn the_summary_links_a_group_to_its_first_box() {
        let mut errors = FormErrors::none();
        errors.add("patterns", "Select at least one working pattern");
        errors.anchor("patterns", "pattern-part_time");
        assert_eq!(errors.faults()[0].anchor, "pattern-part_time");
        let mut ctx = tera::Context::new();
        errors.add_to(&mut ctx);
        assert!(ctx.get("error_summary").is_some());
        assert_eq!(
            ctx.get("errors").unwrap()["patterns"],
            "Select at least one working pattern"
        );
    }
}
