//! Passwords that are commonly used or were exposed in breaches: the top million of Mark
//! Burnett's ten million passwords, as SecLists publishes them, compressed in
//! `reference/passwords/common.txt.gz` (source and licence in NOTICE) and compiled in.

use std::collections::HashSet;
use std::io::Read;
use std::sync::LazyLock;

use flate2::read::GzDecoder;

const LIST: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/reference/passwords/common.txt.gz"
));

/// The listed passwords, lower-cased, long enough to pass the length rule: a shorter one is
/// refused before the list is asked, so holding it would only take memory. Read once.
static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let min = super::MIN_PASSWORD_LEN;
    read_list()
        .lines()
        // Bytes first: a line of fewer bytes than the minimum has fewer characters too.
        .filter(|line| line.len() >= min)
        .map(str::to_lowercase)
        .filter(|password| password.chars().count() >= min)
        .collect()
});

fn read_list() -> String {
    let mut bytes = Vec::new();
    if let Err(e) = GzDecoder::new(LIST).read_to_end(&mut bytes) {
        // Compiled in and tested, so this cannot happen; if it did, say so loudly.
        tracing::error!(error = %e, "reading the common-password list");
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Whether `password` is on the list, ignoring capitals (`Password1234` is as weak).
pub fn is_common(password: &str) -> bool {
    COMMON.contains(&password.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_and_ignores_capitals() {
        let all = read_list().lines().count();
        assert!(all >= 999_000, "{all} passwords in the list");
        assert!(is_common("password1234"));
        assert!(is_common("QWERTYUIOP123"));
        assert!(!is_common("correct horse battery staple"));
    }
}
