//! Which characters a text field accepts: the one rule every input parser applies (names,
//! emails, vacancy fields and CSV cells, references, postcodes, query strings).
//!
//! Control characters have no place in what people type: a NUL cannot be stored by
//! PostgreSQL at all, and the others hide in logs, exports and pages. Bidirectional
//! overrides and isolates make text display in another order than it is stored, so a name
//! or title could pose as another; they are refused wherever text is one line.

use crate::error::AppError;

/// Unicode's bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks a one-line field (a name, title, email, reference, postcode or search term): no
/// control characters at all, tabs and line breaks included, and no bidirectional controls.
pub fn check_line(value: &str, field: &str) -> Result<(), AppError> {
    if value.chars().any(char::is_control) {
        return Err(AppError::invalid(
            field,
            format!(
                "{field}: must be one line of text, without tabs, line breaks or other control characters."
            ),
        ));
    }
    if value.chars().any(is_bidi_control) {
        return Err(AppError::invalid(
            field,
            format!(
                "{field}: must not contain characters that change the direction of text (U+202A to U+202E, U+2066 to U+2069)."
            ),
        ));
    }
    Ok(())
}

/// Cleans free text (a description): line breaks become `\n` whatever the sender used, tabs
/// stay, and any other control character is refused.
pub fn clean_paragraphs(value: &str, field: &str) -> Result<String, AppError> {
    let text = value.replace("\r\n", "\n").replace('\r', "\n");
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(AppError::invalid(
            field,
            format!("{field}: may hold line breaks and tabs, but no other control characters."),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_refuses_every_control_character_and_direction_overrides() {
        assert!(check_line("Kitchen assistant – Café", "title").is_ok());
        assert!(check_line("مساعد مطبخ", "title").is_ok());
        for bad in [
            "a\u{0}b",
            "a\tb",
            "a\nb",
            "a\u{7f}",
            "a\u{85}b",
            "admin\u{202E}gpj.exe",
            "\u{2066}x\u{2069}",
        ] {
            let err = check_line(bad, "title").unwrap_err();
            assert_eq!(err.field(), Some("title"), "{bad:?}");
            assert!(err.to_string().starts_with("title: "), "{err}");
        }
    }

    #[test]
    fn free_text_keeps_line_breaks_and_tabs_and_refuses_other_controls() {
        assert_eq!(
            clean_paragraphs("One\r\nTwo\rThree\n\tFour", "description").unwrap(),
            "One\nTwo\nThree\n\tFour"
        );
        for bad in ["a\u{0}b", "a\u{1b}[31m", "a\u{7}"] {
            let err = clean_paragraphs(bad, "description").unwrap_err();
            assert_eq!(err.field(), Some("description"), "{bad:?}");
        }
    }
}
