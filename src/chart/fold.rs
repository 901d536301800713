//! Many series made readable: the largest N by total kept, the rest summed into one "other"
//! series per panel; then `accumulate` (running totals) and `kind=stacked` / `stacked100`
//! (each series drawn on top of the ones before it).

use std::collections::HashMap;

use super::model::{Point, Series};

/// The `n` largest series by total (a pie's slices likewise), the rest summed point by point
/// (same x) into "other". Anomaly marks are never folded. Returns the series and how many
/// were folded.
pub fn top(series: Vec<Series>, n: usize, pie: bool) -> (Vec<Series>, usize) {
    let (marks, mut series): (Vec<Series>, Vec<Series>) =
        series.into_iter().partition(|s| s.anomaly);
    // Stable: equal totals keep the order the rows gave them.
    series.sort_by(|a, b| b.total.abs().total_cmp(&a.total.abs()));
    if series.len() <= n {
        series.extend(marks);
        return (series, 0);
    }
    let rest = series.split_off(n);
    let folded = rest.len();
    let mut others: Vec<Series> = Vec::new();
    for s in rest {
        let other = match others.iter_mut().position(|o| o.panel == s.panel) {
            Some(at) => &mut others[at],
            None => {
                others.push(Series {
                    name: "other".into(),
                    points: Vec::new(),
                    total: 0.0,
                    panel: s.panel,
                    anomaly: false,
                });
                others.last_mut().expect("just pushed")
            }
        };
        other.total += s.total;
        other.points.extend(s.points);
    }
    for other in &mut others {
        other.points = if pie {
            // One slice: the sum of every folded slice.
            let row = other.points.first().map_or(0, |p| p.row);
            let y = other.total;
            vec![Point {
                x: f64::NAN,
                y,
                top: y,
                row,
            }]
        } else {
            sum_by_x(std::mem::take(&mut other.points))
        };
    }
    series.extend(others);
    series.extend(marks);
    (series, folded)
}

/// Points with the same x summed into one (the first row kept), in x order.
fn sum_by_x(points: Vec<Point>) -> Vec<Point> {
    let mut at: HashMap<u64, usize> = HashMap::new();
    let mut out: Vec<Point> = Vec::new();
    for p in points {
        match at.get(&p.x.to_bits()) {
            Some(&i) => {
                out[i].y += p.y;
                out[i].top = out[i].y;
            }
            None => {
                at.insert(p.x.to_bits(), out.len());
                out.push(p);
            }
        }
    }
    out.sort_by(|a, b| a.x.total_cmp(&b.x));
    out
}

/// `accumulate=true`: each value added to every one before it, in x order.
pub fn accumulate(series: &mut [Series]) {
    for s in series.iter_mut().filter(|s| !s.anomaly) {
        let mut sum = 0.0;
        for p in &mut s.points {
            sum += p.y;
            p.y = sum;
            p.top = sum;
        }
    }
}

/// Each series drawn on the ones before it at the same x (per panel); with `percent`, every
/// x's stack reaches 100.
pub fn stack(series: &mut [Series], percent: bool) {
    let mut totals: HashMap<(usize, u64), f64> = HashMap::new();
    for s in series.iter().filter(|s| !s.anomaly) {
        for p in &s.points {
            *totals.entry((s.panel, p.x.to_bits())).or_default() += p.y;
        }
    }
    let mut base: HashMap<(usize, u64), f64> = HashMap::new();
    for s in series.iter_mut().filter(|s| !s.anomaly) {
        for p in &mut s.points {
            let key = (s.panel, p.x.to_bits());
            let below = base.entry(key).or_default();
            *below += p.y;
            p.top = if percent {
                let total = totals.get(&key).copied().unwrap_or(0.0);
                if total == 0.0 {
                    0.0
                } else {
                    *below / total * 100.0
                }
            } else {
                *below
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(name: &str, points: &[(f64, f64)]) -> Series {
        Series {
            name: name.into(),
            points: points
                .iter()
                .enumerate()
                .map(|(row, &(x, y))| Point { x, y, top: y, row })
                .collect(),
            total: points.iter().map(|p| p.1).sum(),
            panel: 0,
            anomaly: false,
        }
    }

    #[test]
    fn the_largest_stay_and_the_rest_sum_into_other() {
        let all = vec![
            series("small", &[(1.0, 1.0), (2.0, 1.0)]),
            series("big", &[(1.0, 50.0)]),
            series("tiny", &[(2.0, 0.5)]),
            series("mid", &[(1.0, 10.0)]),
        ];
        let (kept, folded) = top(all, 2, false);
        let names: Vec<&str> = kept.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["big", "mid", "other"]);
        assert_eq!(folded, 2);
        let other: Vec<(f64, f64)> = kept[2].points.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(other, [(1.0, 1.0), (2.0, 1.5)]);
    }

    #[test]
    fn running_totals_and_stacks() {
        let mut all = vec![
            series("a", &[(1.0, 1.0), (2.0, 3.0)]),
            series("b", &[(1.0, 3.0), (2.0, 1.0)]),
        ];
        accumulate(&mut all);
        assert_eq!(all[0].points[1].y, 4.0);
        stack(&mut all, true);
        assert_eq!(all[0].points[0].top, 25.0);
        assert_eq!(all[1].points[0].top, 100.0);
        // the readout keeps each series' own value
        assert_eq!(all[1].points[0].y, 3.0);
    }
}
