//! How often a rule runs and how far back each run reads, as Microsoft documents custom
//! detections: continuous (near real time), every 1, 3, 12 or 24 hours, each period reading a
//! fixed lookback; a rule just saved first reads the past 30 days.

use crate::results::datetime::TICKS_PER_SECOND;

const HOUR: i64 = 3600 * TICKS_PER_SECOND;
const DAY: i64 = 24 * HOUR;

/// What a new or edited rule's first run reads.
pub const FIRST_RUN_LOOKBACK: i64 = 30 * DAY;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    /// `PT0S`: the rule runs as events arrive.
    NearRealTime,
    Hourly,
    Every3Hours,
    Every12Hours,
    Daily,
}

/// The values `schedule.frequency` takes, for messages.
pub const ALLOWED: &str = "PT0S (near real time), PT1H, PT3H, PT12H or PT24H (P1D)";

impl Frequency {
    /// Reads an ISO 8601 duration the service accepts; `None` for any other.
    pub fn parse(text: &str) -> Option<Frequency> {
        match text.trim().to_ascii_uppercase().as_str() {
            "PT0S" | "PT0H" | "PT0M" | "P0D" => Some(Frequency::NearRealTime),
            "PT1H" | "PT60M" => Some(Frequency::Hourly),
            "PT3H" => Some(Frequency::Every3Hours),
            "PT12H" => Some(Frequency::Every12Hours),
            "PT24H" | "P1D" => Some(Frequency::Daily),
            _ => None,
        }
    }

    /// Time between runs, in ticks; 0 for near real time.
    pub fn period(self) -> i64 {
        match self {
            Frequency::NearRealTime => 0,
            Frequency::Hourly => HOUR,
            Frequency::Every3Hours => 3 * HOUR,
            Frequency::Every12Hours => 12 * HOUR,
            Frequency::Daily => DAY,
        }
    }

    /// What each scheduled run reads, in ticks (near real time: what arrived since the last).
    pub fn lookback(self) -> i64 {
        match self {
            Frequency::NearRealTime => 0,
            Frequency::Hourly => 4 * HOUR,
            Frequency::Every3Hours => 12 * HOUR,
            Frequency::Every12Hours => 48 * HOUR,
            Frequency::Daily => 30 * DAY,
        }
    }

    /// In words: "every hour (each run reads 4 hours)".
    pub fn describe(self) -> &'static str {
        match self {
            Frequency::NearRealTime => "continuously (near real time)",
            Frequency::Hourly => "every hour (each run reads 4 hours)",
            Frequency::Every3Hours => "every 3 hours (each run reads 12 hours)",
            Frequency::Every12Hours => "every 12 hours (each run reads 48 hours)",
            Frequency::Daily => "every 24 hours (each run reads 30 days)",
        }
    }
}

/// The window a run due at `now` reads, given when the rule last ran; `None` when no run is
/// due. A rule that never ran reads the first-run 30 days.
pub fn due(frequency: Frequency, last_run: Option<i64>, now: i64) -> Option<(i64, i64)> {
    match last_run {
        None => Some((now - FIRST_RUN_LOOKBACK, now)),
        Some(last) if frequency == Frequency::NearRealTime => (now > last).then_some((last, now)),
        Some(last) => (now - last >= frequency.period()).then(|| (now - frequency.lookback(), now)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_frequencies_and_lookbacks() {
        assert_eq!(Frequency::parse("PT0S"), Some(Frequency::NearRealTime));
        assert_eq!(Frequency::parse("P1D"), Frequency::parse("PT24H"));
        assert_eq!(Frequency::parse("PT7M"), None);
        assert_eq!(Frequency::Hourly.lookback(), 4 * HOUR);
        assert_eq!(Frequency::Daily.lookback(), 30 * DAY);
    }

    #[test]
    fn runs_fall_due_once_a_period_has_passed() {
        let now = 1000 * DAY;
        assert_eq!(
            due(Frequency::Hourly, None, now),
            Some((now - 30 * DAY, now))
        );
        assert_eq!(due(Frequency::Hourly, Some(now - HOUR / 2), now), None);
        assert_eq!(
            due(Frequency::Hourly, Some(now - HOUR), now),
            Some((now - 4 * HOUR, now))
        );
        assert_eq!(
            due(Frequency::NearRealTime, Some(now - 10), now),
            Some((now - 10, now))
        );
    }
}
