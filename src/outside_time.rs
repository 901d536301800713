//! Seconds that come from outside (a service's answer, a token, a file on disk) turned into
//! durations and instants. The other side may send anything, `1e300` and `u64::MAX` included,
//! so every conversion here is checked, and a wait longer than [`LONGEST_WAIT`] is cut to it:
//! no answer can make kqlhunt panic, sleep, or remember a throttle for billions of years.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The longest kqlhunt waits because the other side said so (the README says it too).
pub const LONGEST_WAIT: Duration = Duration::from_secs(3600);

/// The longest a token is trusted to live, whatever it claims: Entra's longest is a day.
pub const LONGEST_TOKEN_LIFE: Duration = Duration::from_secs(86_400);

/// A number of seconds as a duration; `None` unless it is finite, not negative, and fits.
pub fn seconds(n: f64) -> Option<Duration> {
    Duration::try_from_secs_f64(n).ok()
}

/// A number of seconds as a duration, for amounts (not waits): not a number or negative is
/// zero, beyond what a duration holds is the longest one.
pub fn seconds_saturating(n: f64) -> Duration {
    if n.is_nan() || n <= 0.0 {
        Duration::ZERO
    } else {
        seconds(n).unwrap_or(Duration::MAX)
    }
}

/// A wait the other side asked for, at most [`LONGEST_WAIT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait {
    pub duration: Duration,
    /// The other side asked for longer: the hunter is told the wait was cut.
    pub cut: bool,
}

impl Wait {
    pub fn of(asked: Duration) -> Wait {
        Wait {
            duration: asked.min(LONGEST_WAIT),
            cut: asked > LONGEST_WAIT,
        }
    }
}

/// A wait in seconds: `None` when it is not a number or negative; infinite or absurd is cut.
pub fn wait_seconds(n: f64) -> Option<Wait> {
    if n.is_nan() || n < 0.0 {
        return None;
    }
    Some(Wait::of(seconds(n).unwrap_or(Duration::MAX)))
}

/// `at` plus a duration, or `None` when the system clock cannot hold the sum.
pub fn later(at: SystemTime, by: Duration) -> Option<SystemTime> {
    at.checked_add(by)
}

/// Seconds since the Unix epoch as an instant, or `None` when not a number, negative, or
/// beyond what the system clock holds.
pub fn unix_time(n: f64) -> Option<SystemTime> {
    later(UNIX_EPOCH, seconds(n)?)
}

/// When a token lapses: its claimed lifetime (or expiry) from `now`, trusted up to
/// [`LONGEST_TOKEN_LIFE`]; an expiry the clock cannot hold counts as the longest.
pub fn token_expiry(now: SystemTime, claimed: Option<SystemTime>) -> SystemTime {
    let longest = later(now, LONGEST_TOKEN_LIFE).unwrap_or(now);
    claimed.map_or(longest, |at| at.min(longest))
}

/// When a token that lives `seconds` from `now` lapses (see [`token_expiry`]).
pub fn token_expiry_in(now: SystemTime, seconds: u64) -> SystemTime {
    token_expiry(now, later(now, Duration::from_secs(seconds)))
}

/// When a token whose `exp` claim is `seconds` since the Unix epoch lapses (see
/// [`token_expiry`]).
pub fn token_expiry_at(now: SystemTime, seconds: u64) -> SystemTime {
    token_expiry(now, later(UNIX_EPOCH, Duration::from_secs(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_numbers_never_panic_and_waits_are_cut_to_an_hour() {
        for n in [
            1e300,
            f64::INFINITY,
            f64::MAX,
            1.8446744073709552e19,
            3.6e26,
        ] {
            assert_eq!(
                wait_seconds(n),
                Some(Wait {
                    duration: LONGEST_WAIT,
                    cut: true
                }),
                "{n}"
            );
            assert_eq!(seconds(n), None, "{n}");
            assert_eq!(unix_time(n), None, "{n}");
            assert_eq!(seconds_saturating(n), Duration::MAX);
        }
        for n in [f64::NAN, -1.0, f64::NEG_INFINITY] {
            assert_eq!(wait_seconds(n), None, "{n}");
            assert_eq!(seconds(n), None, "{n}");
            assert_eq!(seconds_saturating(n), Duration::ZERO);
        }
        assert_eq!(
            wait_seconds(8.0),
            Some(Wait {
                duration: Duration::from_secs(8),
                cut: false
            })
        );
    }

    #[test]
    fn tokens_are_trusted_for_a_day_at_most() {
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let day = now + LONGEST_TOKEN_LIFE;
        assert_eq!(token_expiry_in(now, u64::MAX), day);
        assert_eq!(token_expiry_at(now, u64::MAX), day);
        assert_eq!(token_expiry_in(now, 3599), now + Duration::from_secs(3599));
        assert_eq!(
            token_expiry_at(now, 1_800_000_600),
            now + Duration::from_secs(600)
        );
    }
}
