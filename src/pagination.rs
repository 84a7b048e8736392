//! `?page=&per_page=` for every list, and the page of results the API answers with. Queries
//! take a `Pagination`; it belongs to no layer in particular.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Most rows one page may hold.
pub const MAX_PER_PAGE: i64 = 100;
/// Rows per page when the caller does not say.
pub const DEFAULT_PER_PAGE: i64 = 20;

/// Query parameters as they arrive; validated by `Pagination::parse`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct PageQuery {
    /// Page number, from 1.
    pub page: Option<String>,
    /// Rows per page, 1 to 100 (default 20).
    pub per_page: Option<String>,
}

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    pub page: i64,
    pub per_page: i64,
}

impl Pagination {
    pub fn parse(query: &PageQuery) -> Result<Pagination, AppError> {
        let number =
            |raw: &Option<String>, field: &str, default: i64, max: i64| -> Result<i64, AppError> {
                match raw.as_deref().map(str::trim) {
                    None | Some("") => Ok(default),
                    Some(text) => match text.parse::<i64>() {
                        Ok(n) if (1..=max).contains(&n) => Ok(n),
                        _ => Err(AppError::invalid(
                            field,
                            format!("{field} must be a whole number from 1 to {max}."),
                        )),
                    },
                }
            };
        Ok(Pagination {
            page: number(&query.page, "page", 1, 1_000_000)?,
            per_page: number(&query.per_page, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)?,
        })
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }
}

/// One page of a list, with what a client needs to ask for the next.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    /// Whether a later page has more.
    pub has_more: bool,
    /// For lists that offer it: pass as `after` to get the next page, however deep, as
    /// fast as the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

impl<T> Paged<T> {
    pub fn new(items: Vec<T>, at: Pagination, total: i64) -> Paged<T> {
        Paged {
            has_more: at.offset() + (items.len() as i64) < total,
            items,
            page: at.page,
            per_page: at.per_page,
            total,
            next: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(page: &str, per_page: &str) -> PageQuery {
        PageQuery {
            page: Some(page.into()),
            per_page: Some(per_page.into()),
        }
    }

    #[test]
    fn defaults_apply_when_nothing_is_asked() {
        let at = Pagination::parse(&PageQuery::default()).unwrap();
        assert_eq!(
            at,
            Pagination {
                page: 1,
                per_page: DEFAULT_PER_PAGE
            }
        );
        assert_eq!(at.offset(), 0);
    }

    #[test]
    fn a_bad_page_or_size_names_the_parameter() {
        assert_eq!(
            Pagination::parse(&query("0", "10")).unwrap_err().field(),
            Some("page")
        );
        assert_eq!(
            Pagination::parse(&query("x", "10")).unwrap_err().field(),
            Some("page")
        );
        assert_eq!(
            Pagination::parse(&query("1", "101")).unwrap_err().field(),
            Some("per_page")
        );
        assert_eq!(Pagination::parse(&query("3", "10")).unwrap().offset(), 20);
    }

    #[test]
    fn has_more_is_true_only_before_the_last_page() {
        let at = Pagination {
            page: 1,
            per_page: 2,
        };
        assert!(Paged::new(vec![1, 2], at, 3).has_more);
        assert!(
            !Paged::new(
                vec![3],
                Pagination {
                    page: 2,
                    per_page: 2
                },
                3
            )
            .has_more
        );
    }
}
