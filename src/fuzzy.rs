//! Fuzzy matching for lists the hunter filters by typing: history, completion.
//!
//! A match at the start ranks first, then a match inside, then the letters in order with gaps
//! (`dpe` finds `DeviceProcessEvents`). Case is ignored.

/// How well `needle` matches: higher is better; `None` when it does not match at all.
pub fn score(needle: &str, haystack: &str) -> Option<u32> {
    if needle.is_empty() {
        return Some(0);
    }
    let lower = haystack.to_lowercase();
    let needle = needle.to_lowercase();
    if lower.starts_with(&needle) {
        return Some(3_000_000 - haystack.len().min(1_000_000) as u32);
    }
    if let Some(at) = lower.find(&needle) {
        return Some(2_000_000 - at.min(1_000_000) as u32);
    }
    subsequence(&needle, haystack).map(|gaps| 1_000_000 - gaps.min(999_999))
}

/// The letters of `needle` in order in `haystack`: the number of letters skipped between them,
/// counting a jump to the start of a word (after a space, `_`, `.` or a capital) as free.
fn subsequence(needle: &str, haystack: &str) -> Option<u32> {
    let mut gaps = 0u32;
    let mut rest = haystack.char_indices().peekable();
    let mut previous = ' ';
    for wanted in needle.chars() {
        let mut skipped = 0u32;
        loop {
            let (_, c) = rest.next()?;
            let at_word =
                !previous.is_alphanumeric() || (c.is_uppercase() && previous.is_lowercase());
            previous = c;
            if c.to_lowercase().eq(std::iter::once(wanted)) {
                if !at_word {
                    gaps += skipped;
                }
                break;
            }
            skipped += 1;
        }
    }
    Some(gaps)
}

/// Every word of `needles` must match (`powershell encoded` finds neither a query with only
/// one of them nor one that merely holds their letters in a row); the weakest match ranks it.
pub fn score_words(needles: &str, haystack: &str) -> Option<u32> {
    needles
        .split_whitespace()
        .map(|word| score(word, haystack))
        .try_fold(u32::MAX, |worst, s| s.map(|s| worst.min(s)))
        .map(|s| if s == u32::MAX { 0 } else { s })
}

/// Keeps the items that match, best first; equal scores keep their order.
pub fn rank<T>(needle: &str, items: Vec<T>, text: impl Fn(&T) -> &str) -> Vec<T> {
    let mut scored: Vec<(u32, usize, T)> = items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| score(needle, text(&item)).map(|s| (s, i, item)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, item)| item).collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_word_must_match() {
        let query = "DeviceProcessEvents | where ProcessCommandLine has \"-enc\"";
        assert!(super::score_words("process enc", query).is_some());
        assert!(super::score_words("process mimikatz", query).is_none());
        assert_eq!(super::score_words("", query), Some(0));
    }

    use super::*;

    #[test]
    fn a_prefix_beats_a_substring_which_beats_scattered_letters() {
        let names = vec![
            "ProcessCommandLine",
            "InitiatingProcessCommandLine",
            "ProcessId",
        ];
        assert_eq!(
            rank("process", names.clone(), |s| s),
            [
                "ProcessId",
                "ProcessCommandLine",
                "InitiatingProcessCommandLine"
            ]
        );
        assert_eq!(
            rank("pcl", names, |s| s),
            ["ProcessCommandLine", "InitiatingProcessCommandLine"]
        );
    }

    #[test]
    fn nothing_matches_letters_out_of_order() {
        assert_eq!(score("zy", "DeviceInfo"), None);
        assert_eq!(score("", "DeviceInfo"), Some(0));
        assert!(score("DEVICE", "deviceinfo").is_some());
    }
}
