// One schema for both backends: only portable column types (Text ids, Timestamp in UTC, Bool).

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        living_wage_accredited -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        name_key -> Nullable<Text>,
        living_wage_verified_on -> Nullable<Date>,
        living_wage_note -> Nullable<Text>,
        living_wage_requested_at -> Nullable<Timestamp>,
        living_wage_request_note -> Nullable<Text>,
        approval -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        organisation_id -> Text,
        email -> Text,
        display_name -> Text,
        role -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
        session_generation -> Integer,
    }
}

diesel::table! {
    agency_clients (agency_id, employer_id) {
        agency_id -> Text,
        employer_id -> Text,
        created_at -> Timestamp,
        status -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_user_id -> Nullable<Text>,
        actor_email -> Nullable<Text>,
        action -> Text,
        record_kind -> Text,
        record_id -> Text,
        ip -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Text,
        email -> Text,
        ip -> Text,
        succeeded -> Bool,
        attempted_at -> Timestamp,
    }
}

diesel::table! {
    password_resets (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    revoked_sessions (session_id) {
        session_id -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    vacancies (id) {
        id -> Text,
        reference -> Text,
        employer_id -> Text,
        submitted_by -> Text,
        source_ref -> Nullable<Text>,
        title -> Text,
        description -> Text,
        sector -> Text,
        remote -> Bool,
        postcode -> Nullable<Text>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        location_precision -> Nullable<Text>,
        in_greater_london -> Bool,
        pay_pence -> BigInt,
        pay_per -> Text,
        fte_hours -> Integer,
        hourly_pay_pence -> BigInt,
        hours_min -> Integer,
        hours_max -> Integer,
        contract -> Text,
        pattern_set -> Integer,
        open_to_flexibility -> Bool,
        closes_on -> Nullable<Date>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
        apply_url -> Nullable<Text>,
        apply_email -> Nullable<Text>,
    }
}

diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(password_resets -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    agency_clients,
    audit_log,
    login_attempts,
    revoked_sessions,
    password_resets,
    vacancies,
);
