//! The tax and benefit parameters the rates file must give, each with its unit: checked at
//! start-up so that a missing or mis-unitised figure stops the portal, naming it.

/// The parameters the better-off check needs, with the unit each must be given in.
pub(super) const REQUIRED: &[(&str, &str)] = &[
    ("income_tax.personal_allowance", "pence_per_year"),
    (
        "income_tax.personal_allowance_taper_threshold",
        "pence_per_year",
    ),
    ("income_tax.personal_allowance_taper_rate", "basis_points"),
    ("income_tax.basic_rate", "basis_points"),
    ("income_tax.higher_rate", "basis_points"),
    ("income_tax.additional_rate", "basis_points"),
    (
        "income_tax.higher_rate_threshold_above_allowance",
        "pence_per_year",
    ),
    (
        "income_tax.additional_rate_threshold_above_allowance",
        "pence_per_year",
    ),
    ("national_insurance.primary_threshold", "pence_per_week"),
    ("national_insurance.upper_earnings_limit", "pence_per_week"),
    ("national_insurance.main_rate", "basis_points"),
    ("national_insurance.additional_rate", "basis_points"),
    (
        "universal_credit.standard_allowance.single_under_25",
        "pence_per_month",
    ),
    (
        "universal_credit.standard_allowance.single_25_or_over",
        "pence_per_month",
    ),
    (
        "universal_credit.standard_allowance.couple_both_under_25",
        "pence_per_month",
    ),
    (
        "universal_credit.standard_allowance.couple_one_25_or_over",
        "pence_per_month",
    ),
    (
        "universal_credit.child_element.first_child_born_before_2017_04_06",
        "pence_per_month",
    ),
    (
        "universal_credit.child_element.each_child",
        "pence_per_month",
    ),
    (
        "universal_credit.child_element.limit_children_born_on_or_after_2017_04_06",
        "children_or_none",
    ),
    ("universal_credit.childcare.coverage_rate", "basis_points"),
    (
        "universal_credit.childcare.cap_one_child",
        "pence_per_month",
    ),
    (
        "universal_credit.childcare.cap_two_or_more_children",
        "pence_per_month",
    ),
    ("universal_credit.taper_rate", "basis_points"),
    (
        "universal_credit.work_allowance.with_housing_element",
        "pence_per_month",
    ),
    (
        "universal_credit.work_allowance.without_housing_element",
        "pence_per_month",
    ),
];

/// Parameters kept in the same file for reference but not used by the calculation.
pub(super) const INFORMATIVE: &[(&str, &str)] = &[
    ("child_benefit.eldest_or_only_child", "pence_per_week"),
    ("child_benefit.each_other_child", "pence_per_week"),
    ("national_living_wage.top_band", "pence_per_hour"),
    ("national_living_wage.top_band_from_age", "years"),
    ("national_minimum_wage.age_18_to_20", "pence_per_hour"),
    ("national_minimum_wage.under_18", "pence_per_hour"),
];
