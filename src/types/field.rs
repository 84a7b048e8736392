//! A field as messages name it: a code for programs (`hours_min`), a label for people
//! ("Hours a week, from"). Every input type writes its messages here once, in GOV.UK's
//! style ("Enter pay", "Select a sector", "Job title must be 120 characters or fewer"), so
//! every form and the API say the same thing; the API's `field` carries the code.

use crate::error::{AppError, FieldFault};

/// A field's code and label. The label is written as it starts a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<'a> {
    pub code: &'a str,
    pub label: &'a str,
}

impl<'a> Field<'a> {
    pub const fn new(code: &'a str, label: &'a str) -> Field<'a> {
        Field { code, label }
    }

    /// The label inside a sentence: "Enter pay", not "Enter Pay" (words in capitals, like
    /// "UK", stay as they are).
    pub fn in_sentence(&self) -> String {
        let mut words = self.label.splitn(2, ' ');
        let first = words.next().unwrap_or_default();
        let rest = words.next();
        let lowered = if first.chars().skip(1).any(char::is_uppercase) {
            first.to_string()
        } else {
            first.to_lowercase()
        };
        match rest {
            Some(rest) => format!("{lowered} {rest}"),
            None => lowered,
        }
    }

    /// A fault on this field.
    pub fn fault(&self, message: impl Into<String>) -> AppError {
        AppError::invalid(self.code, message)
    }

    /// Nothing was typed where something must be.
    pub fn enter(&self) -> AppError {
        self.fault(format!("Enter {}", self.in_sentence()))
    }

    /// Nothing was chosen from a list where something must be, or the choice is not one
    /// of the list's.
    pub fn select(&self) -> AppError {
        self.fault(format!("Select {}", self.in_sentence()))
    }

    /// Every fault found checking a request, as one error (see `AppError::all_of`).
    pub(crate) fn every_fault(faults: Vec<AppError>) -> AppError {
        let mut fields = Vec::new();
        for fault in faults {
            match fault {
                AppError::Invalid { field, message } => fields.push(FieldFault { field, message }),
                AppError::Fields(more) => fields.extend(more),
                other => return other,
            }
        }
        match fields.len() {
            0 => AppError::Malformed("The request could not be checked.".into()),
            1 => {
                let only = fields.remove(0);
                AppError::invalid(only.field, only.message)
            }
            _ => AppError::Fields(fields),
        }
    }

    /// Text longer than the field takes.
    pub fn too_long(&self, max: usize) -> AppError {
        self.fault(format!("{} must be {max} characters or fewer", self.label))
    }
}

/// A field known only by its code (the API's and the CSV's names) takes its label from a
/// short table of common fields, else the code itself; forms pass their own labels.
impl<'a> From<&'a str> for Field<'a> {
    fn from(code: &'a str) -> Field<'a> {
        Field {
            code,
            label: LABELS
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, label)| *label)
                .unwrap_or(code),
        }
    }
}

/// Labels for the codes that reach the input types without one.
const LABELS: &[(&str, &str)] = &[
    ("email", "Email address"),
    ("password", "Password"),
    ("name", "Name"),
    ("display_name", "Name"),
    ("postcode", "Postcode"),
    ("pay", "Pay"),
    ("pay_pence", "Pay"),
    ("title", "Job title"),
    ("ref", "Reference"),
    ("employer", "Employer"),
    ("description", "Description"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_reads_naturally_inside_a_sentence() {
        assert_eq!(Field::new("pay", "Pay").in_sentence(), "pay");
        assert_eq!(
            Field::new("postcode", "UK postcode").in_sentence(),
            "UK postcode"
        );
        assert_eq!(
            Field::new("hours_min", "Hours a week, from").in_sentence(),
            "hours a week, from"
        );
    }

    #[test]
    fn messages_name_the_label_and_carry_the_code() {
        let field = Field::new("title", "Job title");
        let e = field.enter();
        assert_eq!(e.to_string(), "Enter job title");
        assert_eq!(e.field(), Some("title"));
        assert_eq!(
            field.too_long(120).to_string(),
            "Job title must be 120 characters or fewer"
        );
        assert_eq!(Field::from("pay_pence").label, "Pay");
    }
}
