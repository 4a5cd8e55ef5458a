//! Articles counted per month, or per year over long spans, for timelines.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

/// Articles in one month (`YYYY-MM`) or, over long spans, one year (`YYYY`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodCount {
    /// `YYYY-MM`, or `YYYY` when the timeline counts by year.
    pub period: String,
    /// Matching articles dated in it; a `quotes` timeline lists empty periods as 0.
    pub articles: usize,
}

/// Months are shown while the timeline spans at most this many; years beyond.
const MAX_MONTHS: usize = 48;

/// Article counts per month from the first dated article to the last, or per year when
/// that would be more than [`MAX_MONTHS`] bars.
pub(super) fn timeline(dates: impl Iterator<Item = DateTime<Utc>>) -> Vec<PeriodCount> {
    let mut counts: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for date in dates {
        *counts.entry((date.year(), date.month())).or_default() += 1;
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let span = (last.0 - first.0) as i64 * 12 + last.1 as i64 - first.1 as i64 + 1;
    if span as usize > MAX_MONTHS {
        return (first.0..=last.0)
            .map(|year| PeriodCount {
                period: format!("{year:04}"),
                articles: counts.range((year, 1)..=(year, 12)).map(|(_, n)| n).sum(),
            })
            .collect();
    }
    let mut months = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        months.push(PeriodCount {
            period: format!("{year:04}-{month:02}"),
            articles: counts.get(&(year, month)).copied().unwrap_or(0),
        });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&format!("{year}-{month:02}-15T00:00:00Z"))
            .ok()
            .map(|d| d.to_utc())
    }

    #[test]
    fn timelines_fill_empty_months_across_a_year_end() {
        let dates = [d(2025, 11), d(2026, 2), d(2026, 2)].into_iter().flatten();
        let months: Vec<_> = timeline(dates)
            .into_iter()
            .map(|m| (m.period, m.articles))
            .collect();
        assert_eq!(
            months,
            vec![
                ("2025-11".to_string(), 1),
                ("2025-12".to_string(), 0),
                ("2026-01".to_string(), 0),
                ("2026-02".to_string(), 2)
            ]
        );
    }

    #[test]
    fn timelines_over_more_than_four_years_count_by_year() {
        let dates = [d(2019, 3), d(2019, 11), d(2023, 6)].into_iter().flatten();
        let years: Vec<_> = timeline(dates)
            .into_iter()
            .map(|p| (p.period, p.articles))
            .collect();
        let expected = [
            ("2019", 2),
            ("2020", 0),
            ("2021", 0),
            ("2022", 0),
            ("2023", 1),
        ];
        let expected: Vec<_> = expected.iter().map(|(p, n)| (p.to_string(), *n)).collect();
        assert_eq!(years, expected);
    }
}
