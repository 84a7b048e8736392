//! Outcomes providers are funded for. For now, the Step Up outcome targets: one rule set,
//! used by the better-off check and, later, by outcome reporting.

use crate::types::code_list;

code_list!(
    /// The kind of contract a job is on.
    Contract {
        Permanent => "permanent", "Permanent";
        FixedTerm => "fixed_term", "Fixed term";
        Temporary => "temporary", "Temporary";
        ZeroHours => "zero_hours", "Zero hours";
    }
);

/// Pay, hours and contract of a work situation, as the targets see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkFacts {
    /// Weekly earnings in hundredths of a penny (hourly pence × hundredths of an hour).
    pub weekly_earnings_hundredths: i64,
    /// Weekly hours in hundredths.
    pub weekly_hours: i64,
    pub contract: Option<Contract>,
}

code_list!(
    /// The Step Up outcome targets: hourly pay up by at least 10%; hourly pay at or above
    /// the London Living Wage as at the date; weekly earnings at least the target hours (36,
    /// or 16 for a lone parent) × LLW; from zero-hours, temporary or no contract to a
    /// permanent one.
    Target {
        HourlyPayUp10Percent => "hourly_pay_up_10_percent", "Hourly pay up by 10% or more";
        HourlyPayAtLeastLlw => "hourly_pay_at_least_llw", "Paid at least the London Living Wage";
        WeeklyEarningsTarget => "weekly_earnings_target", "Weekly earnings reach the target";
        SecureContract => "secure_contract", "Moves to a permanent contract";
    }
);

/// What the targets are measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetBasis {
    /// The London Living Wage as at the date, pence an hour.
    pub london_living_wage: i64,
    /// Hours (in hundredths) behind the weekly earnings target for this household.
    pub weekly_hours_target: i64,
}

/// The targets a move from `before` to `after` meets. Hourly pay across several jobs is the
/// hours-weighted average; comparisons are cross-multiplied so nothing is rounded. Someone
/// out of work before has no pay to raise by 10%.
pub fn targets_met(before: WorkFacts, after: WorkFacts, basis: TargetBasis) -> Vec<Target> {
    let (eb, hb) = (
        i128::from(before.weekly_earnings_hundredths),
        i128::from(before.weekly_hours),
    );
    let (ea, ha) = (
        i128::from(after.weekly_earnings_hundredths),
        i128::from(after.weekly_hours),
    );
    let llw = i128::from(basis.london_living_wage);
    let mut met = Vec::new();
    if hb > 0 && eb > 0 && ha > 0 && 10 * ea * hb >= 11 * eb * ha {
        met.push(Target::HourlyPayUp10Percent);
    }
    if ha > 0 && ea >= llw * ha {
        met.push(Target::HourlyPayAtLeastLlw);
    }
    if ha > 0 && ea >= llw * i128::from(basis.weekly_hours_target) {
        met.push(Target::WeeklyEarningsTarget);
    }
    let insecure_before = matches!(
        before.contract,
        None | Some(Contract::ZeroHours) | Some(Contract::Temporary)
    );
    if insecure_before && after.contract == Some(Contract::Permanent) {
        met.push(Target::SecureContract);
    }
    met
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(pay: i64, hours: i64, contract: Option<Contract>) -> WorkFacts {
        WorkFacts {
            weekly_earnings_hundredths: pay * hours * 100,
            weekly_hours: hours * 100,
            contract,
        }
    }

    const BASIS: TargetBasis = TargetBasis {
        london_living_wage: 1480,
        weekly_hours_target: 3600,
    };

    #[test]
    fn a_ten_percent_rise_is_met_exactly_at_ten_percent() {
        let before = work(1300, 20, None);
        assert!(targets_met(before, work(1430, 20, None), BASIS)
            .contains(&Target::HourlyPayUp10Percent));
        assert!(!targets_met(before, work(1429, 20, None), BASIS)
            .contains(&Target::HourlyPayUp10Percent));
        // Out of work before: there is no pay to raise.
        assert!(!targets_met(work(0, 0, None), work(2000, 20, None), BASIS)
            .contains(&Target::HourlyPayUp10Percent));
    }

    #[test]
    fn the_living_wage_and_weekly_earnings_targets_use_the_rate_given() {
        let met = targets_met(work(1300, 20, None), work(1480, 36, None), BASIS);
        assert!(met.contains(&Target::HourlyPayAtLeastLlw));
        assert!(met.contains(&Target::WeeklyEarningsTarget));
        let short = targets_met(work(1300, 20, None), work(1480, 35, None), BASIS);
        assert!(!short.contains(&Target::WeeklyEarningsTarget));
        let lone_parent = TargetBasis {
            weekly_hours_target: 1600,
            ..BASIS
        };
        assert!(
            targets_met(work(1300, 20, None), work(1480, 16, None), lone_parent)
                .contains(&Target::WeeklyEarningsTarget)
        );
        assert!(
            !targets_met(work(1300, 20, None), work(1479, 40, None), BASIS)
                .contains(&Target::HourlyPayAtLeastLlw)
        );
    }

    #[test]
    fn only_a_move_from_insecure_work_to_permanent_counts_as_securer() {
        let permanent = work(1500, 30, Some(Contract::Permanent));
        for before in [None, Some(Contract::ZeroHours), Some(Contract::Temporary)] {
            assert!(targets_met(work(1400, 30, before), permanent, BASIS)
                .contains(&Target::SecureContract));
        }
        for before in [Some(Contract::Permanent), Some(Contract::FixedTerm)] {
            assert!(!targets_met(work(1400, 30, before), permanent, BASIS)
                .contains(&Target::SecureContract));
        }
    }
}
