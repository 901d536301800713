//! Fewer points than a series has, for a screen that is only so many columns wide: in each
//! screen column the first, the lowest, the highest and the last point are kept, so a spike
//! is never averaged away and lines still join where they should.

use super::model::Point;

/// The points of one series (in x order) worth drawing over `columns` screen columns spanning
/// `x_range`. A series already short enough comes back whole.
pub fn decimate(points: &[Point], x_range: (f64, f64), columns: usize) -> Vec<Point> {
    let columns = columns.max(1);
    if points.len() <= columns * 4 {
        return points.to_vec();
    }
    let (low, high) = x_range;
    let span = if high > low { high - low } else { 1.0 };
    let column_of = |x: f64| -> usize {
        let at = ((x - low) / span * columns as f64).floor();
        if at.is_nan() || at < 0.0 {
            0
        } else {
            (at as usize).min(columns - 1)
        }
    };
    let mut kept = Vec::with_capacity(columns * 4);
    let mut start = 0;
    while start < points.len() {
        let column = column_of(points[start].x);
        let mut end = start + 1;
        while end < points.len() && column_of(points[end].x) == column {
            end += 1;
        }
        let run = &points[start..end];
        let (mut min, mut max) = (0, 0);
        for (i, p) in run.iter().enumerate() {
            if p.top < run[min].top {
                min = i;
            }
            if p.top > run[max].top {
                max = i;
            }
        }
        let mut picks = [0, min, max, run.len() - 1];
        picks.sort_unstable();
        let mut last = usize::MAX;
        for i in picks {
            if i != last {
                kept.push(run[i]);
                last = i;
            }
        }
        start = end;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// No point that is its screen column's lowest or highest is ever dropped.
        #[test]
        fn every_columns_min_and_max_survive(
            ys in proptest::collection::vec(-1e6f64..1e6, 1..3000),
            columns in 1usize..300,
        ) {
            let points: Vec<Point> = ys
                .iter()
                .enumerate()
                .map(|(i, &y)| Point { x: i as f64, y, top: y, row: i })
                .collect();
            let range = (0.0, (ys.len() - 1) as f64);
            let kept = decimate(&points, range, columns);
            prop_assert!(kept.len() <= points.len());
            prop_assert!(kept.windows(2).all(|w| w[0].x <= w[1].x));
            let span = if range.1 > range.0 { range.1 - range.0 } else { 1.0 };
            let column_of = |x: f64| (((x - range.0) / span * columns as f64).floor() as usize).min(columns - 1);
            for column in 0..columns {
                let of = |ps: &[Point]| -> Option<(f64, f64)> {
                    ps.iter().filter(|p| column_of(p.x) == column).fold(None, |acc, p| match acc {
                        None => Some((p.top, p.top)),
                        Some((lo, hi)) => Some((lo.min(p.top), hi.max(p.top))),
                    })
                };
                prop_assert_eq!(of(&points), of(&kept), "column {}", column);
            }
        }
    }

    #[test]
    fn a_spike_in_a_crowded_column_is_kept() {
        let mut points: Vec<Point> = (0..10_000)
            .map(|i| Point {
                x: i as f64,
                y: 1.0,
                top: 1.0,
                row: i,
            })
            .collect();
        points[5_123].top = 900.0;
        let kept = decimate(&points, (0.0, 9_999.0), 100);
        assert!(kept.len() <= 400);
        assert!(kept.iter().any(|p| p.row == 5_123));
    }
}
