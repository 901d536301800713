//! The server's statistics in the status bar: every figure the service returned when there is
//! room, and at narrower widths the least useful left out first (disk cache, then peak
//! memory, then ...), whole figures only: a figure is never cut in the middle.

use crate::api::ServerStats;
use crate::results::display::display_width;

const SEPARATOR: &str = " · ";

/// The figures that fit in `width` columns, in their usual order, or `None` when not even the
/// most useful one fits.
pub fn fit(stats: &ServerStats, width: usize) -> Option<String> {
    let figures = stats.figures(true);
    let mut keep: Vec<usize> = (0..figures.len()).collect();
    let line = |keep: &[usize]| {
        keep.iter()
            .map(|&i| figures[i].1.as_str())
            .collect::<Vec<_>>()
            .join(SEPARATOR)
    };
    while !keep.is_empty() {
        let text = line(&keep);
        if display_width(&text) <= width {
            return Some(text);
        }
        // Leave out the least useful figure still shown.
        let least = keep
            .iter()
            .enumerate()
            .max_by_key(|(_, &i)| figures[i].0.keep_rank())
            .map(|(at, _)| at)?;
        keep.remove(least);
    }
    None
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::api::{CacheStats, ScanStats};

    fn full() -> ServerStats {
        ServerStats {
            execution_time: Some(Duration::from_millis(1200)),
            cpu_total: Some(Duration::from_millis(4100)),
            memory_cache: CacheStats {
                hits: Some(99),
                misses: Some(1),
                total: Some(100),
            },
            disk_cache: CacheStats {
                hits: Some(83),
                misses: Some(17),
                total: Some(100),
            },
            rows: ScanStats {
                scanned: Some(4_200_000),
                total: None,
            },
            peak_memory_per_node: Some(237_000_000),
            ..ServerStats::default()
        }
    }

    #[test]
    fn everything_fits_at_full_width() {
        assert_eq!(
            fit(&full(), 200).unwrap(),
            "exec 1.20 s · CPU 4.10 s · mem cache 99% · disk cache 83% · 4.2 M rows scanned · peak 226.0 MB"
        );
    }

    #[test]
    fn narrower_widths_leave_out_the_least_useful_whole_figures() {
        let narrow = fit(&full(), 62).unwrap();
        assert_eq!(
            narrow,
            "exec 1.20 s · CPU 4.10 s · mem cache 99% · 4.2 M rows scanned"
        );
        assert_eq!(
            fit(&full(), 33).unwrap(),
            "exec 1.20 s · 4.2 M rows scanned"
        );
        assert_eq!(fit(&full(), 12).unwrap(), "exec 1.20 s");
        assert_eq!(fit(&full(), 5), None);
    }
}
