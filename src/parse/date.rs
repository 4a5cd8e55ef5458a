//! Dates as news sources write them, to UTC. Ambiguous numeric dates are refused, not guessed.
//!
//! One exception: a few time-zone abbreviations name more than one zone, and each is read
//! as the zone English news clippings mean by it far more often, not refused:
//!
//! - `CST`: US Central Standard Time (UTC-6), not China Standard Time (UTC+8) or Cuba
//!   Standard Time (UTC-5);
//! - `IST`: India Standard Time (UTC+5:30), not Irish Standard Time (UTC+1) or Israel
//!   Standard Time (UTC+2);
//! - `BST`: British Summer Time (UTC+1), not Bangladesh Standard Time (UTC+6);
//! - `PST`: US Pacific Standard Time (UTC-8), not Philippine Standard Time (UTC+8).
//!
//! `at_zone` lists every abbreviation read.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use regex::Regex;
use thiserror::Error;

/// A parsed date and whether the text gave a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedDate {
    /// The moment, in UTC: midnight UTC when the text gave no time of day.
    pub when: DateTime<Utc>,
    /// The text gave a time of day, so `when` is a moment and not only a day.
    pub has_time: bool,
}

/// Why a date was refused rather than guessed; each holds the text it is about, to quote
/// it back to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    /// A numeric date whose day and month could be swapped (`03/04/2021`).
    #[error("date '{0}' is ambiguous (day and month could be swapped); write it as YYYY-MM-DD")]
    Ambiguous(String),
    /// Text in no known date form, or with an unknown time zone or a `PM` after `13:45`.
    #[error(
        "date '{0}' is not in a known format (e.g. 2020-08-14, 14 August 2020, August 14, 2020)"
    )]
    Unrecognised(String),
    /// A real date the index cannot store: before [`FIRST_YEAR`] or after [`LAST_YEAR`].
    #[error("date '{0}' is outside the years {FIRST_YEAR}-{LAST_YEAR} that clipdex can store")]
    OutOfRange(String),
    /// A day its month does not have (`31 February 2020`).
    #[error("date '{0}' does not exist (no such day in that month)")]
    Impossible(String),
}

/// The index stores dates as nanoseconds in an i64: about 1678 to 2262. Keep well inside.
pub const FIRST_YEAR: i32 = 1700;
/// The last year a date may have, well inside what the index can store (see [`FIRST_YEAR`]).
pub const LAST_YEAR: i32 = 2250;

/// Whether a date can be stored in the index.
pub fn in_range(when: &DateTime<Utc>) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&when.year())
}

static UPDATED_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s*\(\s*updated\b[^)]*\)?\s*$").expect("valid regex"));

/// A clock time: `11:14`, `9:05:30`, `3:45 PM`, `10:15 a.m.`, with an optional zone.
const TIME: &str = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*(?P<zone>[A-Za-z]{1,5})?";
/// `14 August 2020`, `Friday, 14 August 2020`, `3rd Mar. 2021`.
const DAY_MONTH_YEAR: &str =
    r"(?:\p{L}+,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>\p{L}+)\.?,?\s+(?P<year>\d{4})";
/// `August 14, 2020`, `Fri, Aug 14 2020`.
const MONTH_DAY_YEAR: &str =
    r"(?:\p{L}+,?\s+)?(?P<month>\p{L}+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})";
/// `05.04.2017`, `13/04/2021`: day and month told apart only when one is over 12.
const NUMERIC: &str = r"(?P<first>\d{1,2})[/.\-](?P<second_num>\d{1,2})[/.\-](?P<year>\d{4})";

/// Every date form, alone, followed by a time (`14 August 2020, 11:14 GMT`) or preceded by
/// one (the scraped `11:14 GMT14 August 2020`).
static HUMAN_FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let mut forms = Vec::new();
    for date in [DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC] {
        forms.push(format!(r"^{date}(?:,?\s+(?:at\s+)?{TIME})?$"));
        forms.push(format!(r"^{TIME}\s*,?\s*{date}$"));
    }
    forms
        .iter()
        .map(|form| Regex::new(form).expect("valid regex"))
        .collect()
});

/// Parses the date forms news sources use, refusing dates the index cannot store.
pub fn parse_date(input: &str) -> Result<ParsedDate, DateError> {
    let parsed = parse_any(input)?;
    if in_range(&parsed.when) {
        Ok(parsed)
    } else {
        Err(DateError::OutOfRange(input.trim().to_string()))
    }
}

fn parse_any(input: &str) -> Result<ParsedDate, DateError> {
    let text = UPDATED_TAIL.replace(input.trim(), "");
    let text = text.trim();
    let unknown = || DateError::Unrecognised(input.trim().to_string());
    if text.is_empty() {
        return Err(unknown());
    }
    if let Some(parsed) = parse_machine(text) {
        return Ok(parsed);
    }
    let caps = HUMAN_FORMS
        .iter()
        .find_map(|form| form.captures(text))
        .ok_or_else(unknown)?;
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = caps
        .name("year")
        .and_then(|m| m.as_str().parse::<i32>().ok())
        .ok_or_else(unknown)?;
    let (day, month) = match (caps.name("month"), number("first"), number("second_num")) {
        (Some(month), _, _) => (
            number("day").ok_or_else(unknown)?,
            month_number(month.as_str()).ok_or_else(unknown)?,
        ),
        (None, Some(a), Some(b)) => match (a, b) {
            (a, b) if a == b => (a, b),
            (a, b) if a <= 12 && b <= 12 => return Err(DateError::Ambiguous(input.trim().into())),
            (a, b) if a > 12 => (a, b),
            (a, b) => (b, a),
        },
        _ => return Err(unknown()),
    };
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            DateError::Impossible(input.trim().to_string())
        } else {
            unknown()
        }
    })?;
    let Some(hour) = number("hour") else {
        return Ok(midnight(date));
    };
    let hour = match caps.name("ampm").map(|m| m.as_str().to_ascii_lowercase()) {
        Some(ampm) if !(1..=12).contains(&hour) => return Err(DateError::Unrecognised(ampm)),
        Some(ampm) if ampm.starts_with('p') => hour % 12 + 12,
        Some(_) => hour % 12,
        None => hour,
    };
    let time = NaiveTime::from_hms_opt(
        hour,
        number("minute").ok_or_else(unknown)?,
        number("second").unwrap_or(0),
    )
    .ok_or_else(unknown)?;
    at_zone(date.and_time(time), caps.name("zone").map(|m| m.as_str())).ok_or_else(unknown)
}

/// ISO 8601 / RFC 3339 and RFC 2822 forms.
fn parse_machine(text: &str) -> Option<ParsedDate> {
    let with_time = |when: DateTime<Utc>| ParsedDate {
        when,
        has_time: true,
    };
    if let Some(date) = plain_date(text) {
        return Some(midnight(date));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(with_time(dt.with_timezone(&Utc)));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some(with_time(dt.with_timezone(&Utc)));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(dt) = DateTime::parse_from_str(text, fmt) {
            return Some(with_time(dt.with_timezone(&Utc)));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, fmt) {
            return Some(with_time(Utc.from_utc_datetime(&naive)));
        }
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(text, fmt) {
            return Some(midnight(date));
        }
    }
    None
}

/// `YYYY-MM-DD`, the commonest form, read without trying the others first.
fn plain_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

fn midnight(date: NaiveDate) -> ParsedDate {
    ParsedDate {
        when: Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)),
        has_time: false,
    }
}

/// A local time in a named zone; unknown zone names are refused rather than assumed UTC.
///
/// Ambiguous abbreviations are the exception to refusing what is not certain: each is
/// read as the zone English news means by it far more often. `CST` is US Central (UTC-6),
/// not China (UTC+8) or Cuba (UTC-5); `IST` is India (UTC+5:30), not Irish (UTC+1) or
/// Israel (UTC+2); `BST` is British Summer Time (UTC+1), not Bangladesh (UTC+6); `PST` is
/// US Pacific (UTC-8), not Philippine (UTC+8).
fn at_zone(naive: NaiveDateTime, zone: Option<&str>) -> Option<ParsedDate> {
    let offset_hours = match zone.map(str::to_ascii_uppercase).as_deref() {
        None | Some("GMT" | "UTC" | "Z" | "UT") => 0,
        Some("BST" | "CET" | "WAT") => 1,
        Some("CEST" | "EET" | "SAST") => 2,
        Some("EEST" | "MSK") => 3,
        Some("EST") => -5,
        Some("EDT") => -4,
        Some("CDT") => -5,
        Some("CST") => -6,
        Some("MST") => -7,
        Some("MDT") => -6,
        Some("PST") => -8,
        Some("PDT") => -7,
        Some("IST") => return at_offset(naive, 5 * 3600 + 1800),
        Some("JST" | "KST") => 9,
        Some(_) => return None,
    };
    at_offset(naive, offset_hours * 3600)
}

fn at_offset(naive: NaiveDateTime, seconds: i32) -> Option<ParsedDate> {
    let offset = FixedOffset::east_opt(seconds)?;
    let local = offset.from_local_datetime(&naive).single()?;
    Some(ParsedDate {
        when: local.with_timezone(&Utc),
        has_time: true,
    })
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    months
        .iter()
        .position(|m| *m == lower || (lower.len() >= 3 && m.starts_with(&lower)))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> String {
        match parse_date(text) {
            Ok(p) => p.when.to_rfc3339(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn iso_and_rfc3339() {
        assert_eq!(utc("2020-08-14"), "2020-08-14T00:00:00+00:00");
        assert_eq!(utc("1987-12-31"), "1987-12-31T00:00:00+00:00");
        assert!(parse_date("2021-02-30").is_err());
        assert!(parse_date("2021-13-01").is_err());
        assert_eq!(utc("2023-11-02T08:30:00Z"), "2023-11-02T08:30:00+00:00");
        assert_eq!(
            utc("2022-06-09T17:45:00+02:00"),
            "2022-06-09T15:45:00+00:00"
        );
        assert_eq!(utc("1987-02-26T15:01:01Z"), "1987-02-26T15:01:01+00:00");
        assert_eq!(utc("2021-03-14 10:00:00"), "2021-03-14T10:00:00+00:00");
        assert_eq!(utc("2021-03-14T10:00:00+0100"), "2021-03-14T09:00:00+00:00");
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            utc("Tue, 07 May 2024 10:15:00 +0000"),
            "2024-05-07T10:15:00+00:00"
        );
    }

    #[test]
    fn written_out_dates() {
        assert_eq!(utc("14 August 2020"), "2020-08-14T00:00:00+00:00");
        assert_eq!(utc("August 14, 2020"), "2020-08-14T00:00:00+00:00");
        assert_eq!(utc("3 Mar 2021"), "2021-03-03T00:00:00+00:00");
        assert_eq!(utc("Sept 9 2019"), "2019-09-09T00:00:00+00:00");
        assert_eq!(utc("Friday, 14 August 2020"), "2020-08-14T00:00:00+00:00");
        assert_eq!(utc("January 21st, 2025"), "2025-01-21T00:00:00+00:00");
    }

    #[test]
    fn scraped_time_and_date_glued_spaced_and_updated() {
        assert_eq!(utc("11:14 GMT14 August 2020"), "2020-08-14T11:14:00+00:00");
        assert_eq!(utc("09:05 GMT 3 March 2021"), "2021-03-03T09:05:00+00:00");
        assert_eq!(utc("9:05 GMT3 March 2021"), "2021-03-03T09:05:00+00:00");
        assert_eq!(
            utc("16:40 GMT 2 June 2022 (updated 18:02 GMT 2 June 2022)"),
            "2022-06-02T16:40:00+00:00"
        );
        assert_eq!(utc("12:00 MSK 1 May 2019"), "2019-05-01T09:00:00+00:00");
    }

    #[test]
    fn date_first_numeric_and_twelve_hour_forms() {
        assert_eq!(
            utc("14 August 2020, 11:14 GMT"),
            "2020-08-14T11:14:00+00:00"
        );
        assert_eq!(utc("August 14, 2020 3:45 PM"), "2020-08-14T15:45:00+00:00");
        assert_eq!(
            utc("August 14, 2020 at 12:10 a.m. EDT"),
            "2020-08-14T04:10:00+00:00"
        );
        assert_eq!(utc("14:27 15.04.2017"), "2017-04-15T14:27:00+00:00");
        assert_eq!(
            utc("14:27 05.04.2017(updated 14:29 05.04.2017)"),
            "error: date '14:27 05.04.2017(updated 14:29 05.04.2017)' is ambiguous (day and month could be swapped); write it as YYYY-MM-DD"
        );
        assert!(matches!(
            parse_date("13:45 PM 1 May 2020"),
            Err(DateError::Unrecognised(_))
        ));
    }

    #[test]
    fn ambiguous_numeric_dates_are_not_guessed() {
        assert_eq!(
            parse_date("03/04/2021"),
            Err(DateError::Ambiguous("03/04/2021".into()))
        );
        assert_eq!(utc("13/04/2021"), "2021-04-13T00:00:00+00:00");
        assert_eq!(utc("04/13/2021"), "2021-04-13T00:00:00+00:00");
        assert_eq!(utc("05.05.2021"), "2021-05-05T00:00:00+00:00");
    }

    #[test]
    fn nonsense_is_refused() {
        assert!(matches!(
            parse_date("soon"),
            Err(DateError::Unrecognised(_))
        ));
        assert!(matches!(
            parse_date("31 February 2020"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            parse_date("31/02/2020"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            parse_date("10:00 XYZ 1 May 2020"),
            Err(DateError::Unrecognised(_))
        ));
        assert!(matches!(parse_date(""), Err(DateError::Unrecognised(_))));
    }

    #[test]
    fn dates_the_index_cannot_store_are_refused() {
        assert_eq!(
            parse_date("2300-01-01"),
            Err(DateError::OutOfRange("2300-01-01".into()))
        );
        assert!(matches!(
            parse_date("1 May 1500"),
            Err(DateError::OutOfRange(_))
        ));
        assert!(parse_date("1 May 1987").is_ok());
    }

    #[test]
    fn cst_reads_as_us_central_standard_time() {
        assert_eq!(
            utc("14 January 2021, 09:30 CST"),
            "2021-01-14T15:30:00+00:00"
        );
    }

    #[test]
    fn ist_reads_as_india_standard_time() {
        assert_eq!(
            utc("14 January 2021, 09:30 IST"),
            "2021-01-14T04:00:00+00:00"
        );
    }

    #[test]
    fn has_time_tells_date_only_inputs() {
        assert!(!parse_date("2020-08-14").map(|p| p.has_time).unwrap_or(true));
        assert!(parse_date("11:14 GMT14 August 2020")
            .map(|p| p.has_time)
            .unwrap_or(false));
    }
}
