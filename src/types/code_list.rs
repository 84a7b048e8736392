//! One way to declare a controlled list (roles, sectors, statuses, contracts…): a Rust enum
//! with a stable snake_case code for storage, JSON and forms, a label for pages, and diesel
//! conversions so a stored code is read back as the enum or not at all.

/// Declares a controlled list. Each variant has a code (stored, sent over the wire) and a
/// label (shown to people):
///
/// ```ignore
/// code_list!(
///     /// Where a vacancy is in its life.
///     Status { Draft => "draft", "Draft"; Open => "open", "Open"; }
/// );
/// ```
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl $name {
            /// Every value, in the order forms offer them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable code stored and sent over the wire.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// Plain words for pages.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }

            /// The value with this code (surrounding spaces ignored).
            pub fn from_code(code: &str) -> Option<$name> {
                match code.trim() { $($code => Some($name::$variant),)* _ => None }
            }

            /// (code, label) pairs, for a form's choices.
            pub fn choices() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.code(), v.label())).collect()
            }

            /// Every code, for error messages.
            pub fn codes() -> String {
                [$($code),*].join(", ")
            }
        }

        // By hand rather than derived, so the document lists the codes sent over the wire
        // (`provider_manager`), not the Rust variants (`ProviderManager`).
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let meanings: Vec<String> = Self::ALL
                    .iter()
                    .map(|v| format!("`{}`: {}", v.code(), v.label()))
                    .collect();
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),*]))
                    .description(Some(meanings.join("; ")))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                $name::from_code(s).ok_or_else(|| {
                    format!("{s:?} is not one of {}", $name::codes())
                })
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    self.code(),
                    out,
                )
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let stored = String::from_sql(bytes)?;
                $name::from_code(&stored).ok_or_else(|| {
                    format!(concat!("stored ", stringify!($name), " {:?} is unknown"), stored)
                        .into()
                })
            }
        }
    };
}

pub(crate) use code_list;

#[cfg(test)]
mod tests {
    code_list!(
        /// A list for testing the macro.
        Colour {
            Red => "red", "Red";
            DarkBlue => "dark_blue", "Dark blue";
        }
    );

    #[test]
    fn codes_labels_and_text_round_trip() {
        for colour in Colour::ALL {
            assert_eq!(Colour::from_code(colour.code()), Some(*colour));
            assert_eq!(colour.to_string().parse::<Colour>(), Ok(*colour));
            let json = serde_json::to_string(colour).unwrap();
            assert_eq!(json, format!("\"{}\"", colour.code()));
        }
        assert_eq!(Colour::codes(), "red, dark_blue");
        assert_eq!(Colour::from_code(" dark_blue "), Some(Colour::DarkBlue));
        assert!("blue".parse::<Colour>().is_err());
        assert_eq!(Colour::choices()[1], ("dark_blue", "Dark blue"));
    }

    #[test]
    fn the_schema_lists_the_codes_sent_over_the_wire() {
        let schema = serde_json::to_value(<Colour as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(schema["enum"], serde_json::json!(["red", "dark_blue"]));
        assert_eq!(schema["type"], "string");
        assert_eq!(<Colour as utoipa::ToSchema>::name(), "Colour");
    }
}
