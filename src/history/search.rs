//! Finding past runs: fuzzy on the query text, with filters for profile, outcome and date.

use std::time::{Duration, SystemTime};

use super::record::Outcome;

/// What to list. Typed in the side pane as one line: `profile:demo outcome:error since:2d
/// powershell` (the words without a `name:` are the fuzzy text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub text: String,
    pub profile: Option<String>,
    pub outcome: Option<Outcome>,
    pub since: Option<SystemTime>,
    /// At most this many runs (0: no limit).
    pub limit: usize,
}

impl Filter {
    /// Reads a typed filter line. A filter word it does not know stays part of the text, so a
    /// query containing `name:value` can still be found.
    pub fn parse(line: &str, now: SystemTime) -> Result<Filter, String> {
        let mut filter = Filter::default();
        let mut text = Vec::new();
        for word in line.split_whitespace() {
            match word.split_once(':') {
                Some(("profile", name)) if !name.is_empty() => {
                    filter.profile = Some(name.to_owned())
                }
                Some(("outcome", name)) => {
                    filter.outcome = Some(Outcome::from_name(name).ok_or_else(|| {
                        format!("outcome:{name}? use ok, error, cancelled or throttled")
                    })?)
                }
                Some(("since", age)) => {
                    let age = parse_age(age).ok_or_else(|| {
                        format!("since:{age}? give an age such as 30m, 12h or 7d")
                    })?;
                    filter.since = Some(now.checked_sub(age).unwrap_or(SystemTime::UNIX_EPOCH));
                }
                _ => text.push(word),
            }
        }
        filter.text = text.join(" ");
        Ok(filter)
    }
}

/// `30m`, `12h`, `7d`: an age.
fn parse_age(text: &str) -> Option<Duration> {
    let unit = text.chars().last()?;
    let count: u64 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    let seconds = match unit {
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return None,
    };
    Some(Duration::from_secs(count.checked_mul(seconds)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_words_are_taken_out_of_the_fuzzy_text() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(10 * 86_400);
        let filter =
            Filter::parse("profile:demo powershell outcome:error since:2d -enc", now).unwrap();
        assert_eq!(filter.text, "powershell -enc");
        assert_eq!(filter.profile.as_deref(), Some("demo"));
        assert_eq!(filter.outcome, Some(Outcome::Error));
        assert_eq!(
            filter.since,
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(8 * 86_400))
        );
    }

    #[test]
    fn a_bad_filter_says_what_it_expects() {
        let now = SystemTime::now();
        assert!(Filter::parse("outcome:great", now)
            .unwrap_err()
            .contains("ok, error"));
        assert!(Filter::parse("since:yesterday", now)
            .unwrap_err()
            .contains("7d"));
        assert_eq!(Filter::parse("where x:1", now).unwrap().text, "where x:1");
    }
}
