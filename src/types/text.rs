//! Which characters a text field accepts: the one rule every input parser applies (names,
//! emails, vacancy fields and CSV cells, references, postcodes, query strings).
//!
//! Control characters have no place in what people type: a NUL cannot be stored by
//! PostgreSQL at all, and the others hide in logs, exports and pages. Bidirectional
//! overrides and isolates make text display in another order than it is stored, so a name
//! or title could pose as another; they are refused wherever text is one line.

use unicode_normalization::UnicodeNormalization;

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
                "{} must be one line of text, without tabs, line breaks or other control characters",
                super::Field::from(field).label
            ),
        ));
    }
    if value.chars().any(is_bidi_control) {
        return Err(AppError::invalid(
            field,
            format!(
                "{} must not contain characters that change the direction of text (U+202A to U+202E, U+2066 to U+2069)",
                super::Field::from(field).label
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
            format!(
                "{} may hold line breaks and tabs, but no other control characters",
                super::Field::from(field).label
            ),
        ));
    }
    Ok(text)
}

/// Characters that show nothing (Unicode's default-ignorable code points: zero-width
/// spaces and joiners, soft hyphens, direction marks, variation selectors, fillers, tags…).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// What makes two names the same name: compatibility forms unified (NFKC: full-width
/// letters, ligatures, no-break spaces), capitals folded, invisible characters dropped and
/// spacing collapsed. "Thameside Care Homes", "thameside  care homes" and the same with a
/// zero-width space inside all have one key.
pub fn name_key(name: &str) -> String {
    let folded: String = name
        .nfkc()
        .filter(|c| !is_invisible(*c))
        .collect::<String>()
        .to_lowercase()
        // Folds that lower-casing alone leaves apart.
        .replace('ß', "ss")
        .replace('ς', "σ")
        .nfkc()
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_names_share_a_key() {
        let key = name_key("Thameside Care Homes");
        for same in [
            "thameside care homes",
            "  THAMESIDE   CARE HOMES ",
            "Thameside\u{200B} Care Homes",
            "Thame\u{00AD}side Care\u{00A0}Homes",
            "Ｔｈａｍｅｓｉｄｅ Care Homes",
            "Thameside\u{FEFF} Care Homes\u{200D}",
            "Thameside Care Home\u{FE0F}s",
        ] {
            assert_eq!(name_key(same), key, "{same:?}");
        }
        assert_ne!(name_key("Thameside Care Home"), key);
        assert_eq!(name_key("Straße"), name_key("STRASSE"));
    }

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
            assert!(err.to_string().starts_with("Job title must "), "{err}");
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
