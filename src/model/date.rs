//! Dates as the sources give them: a day, a month or only a year, possibly uncertain; and
//! spans that may be open-ended. Pure: no leptos, no clock (callers pass "today").
//!
//! ## What "active on D" means
//! A partial date covers a period: `2015` covers 2015-01-01..=2015-12-31, `2015-03` covers
//! March 2015. A span is **active on D** when it *may* hold on D given what we know:
//! from the first day its start can mean to the last day its end can mean. So a relation
//! that starts "2015" is active on 2015-03-01, and one that ends "2024-09" is still active
//! on 2024-09-30. It is **certainly active** only from the last day its start can mean to
//! the first day its end can mean; the difference is drawn softly by the timeline.
//! An unknown start means "since before our records begin"; a missing end means ongoing.

use std::cmp::Ordering;
use std::fmt;

/// Days since 1970-01-01 (negative before), the one scale every date is compared on.
pub type Day = i32;

/// How much of a date the source gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A date known to a day, a month or a year; `uncertain` when the source hedges
/// (written with a trailing `?`, e.g. `2028?`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    /// 1-12, present for month and day precision.
    pub month: Option<u8>,
    /// 1-31, present for day precision.
    pub day: Option<u8>,
    pub uncertain: bool,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    Format,
    Month(u32),
    DayOfMonth { day: u32, max: u32 },
    Year(i64),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str(
                "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a question mark",
            ),
            DateError::Month(m) => write!(f, "month {m} is not between 1 and 12"),
            DateError::DayOfMonth { day, max } => write!(f, "day {day} is not between 1 and {max}"),
            DateError::Year(y) => write!(f, "year {y} is outside 1000-2999"),
        }
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn day_number(year: i32, month: u8, day: u8) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i32::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i32::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day number; inverse of [`day_number`].
pub fn civil_from_day(z: Day) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
            uncertain: false,
        }
    }

    pub fn month(year: i32, month: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
            uncertain: false,
        }
    }

    pub fn day(year: i32, month: u8, day: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
            uncertain: false,
        }
    }

    /// The day-precision date of a day number.
    pub fn from_day(d: Day) -> Self {
        let (y, m, dd) = civil_from_day(d);
        PartialDate::day(y, m, dd)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each optionally followed by `?`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let (text, uncertain) = match text.strip_suffix('?') {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, DateError> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| DateError::Format)
            } else {
                Err(DateError::Format)
            }
        };
        let year = number(parts.first().ok_or(DateError::Format)?, 4)?;
        if !(1000..=2999).contains(&year) {
            return Err(DateError::Year(i64::from(year)));
        }
        let year = year as i32;
        let month = match parts.get(1) {
            Some(m) => {
                let m = number(m, 2)?;
                if !(1..=12).contains(&m) {
                    return Err(DateError::Month(m));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d = number(d, 2)?;
                let max = u32::from(days_in_month(year, m));
                if !(1..=max).contains(&d) {
                    return Err(DateError::DayOfMonth { day: d, max });
                }
                Some(d as u8)
            }
            _ => None,
        };
        if parts.len() > 3 {
            return Err(DateError::Format);
        }
        Ok(PartialDate {
            year,
            month,
            day,
            uncertain,
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day this date can mean.
    pub fn first_day(&self) -> Day {
        day_number(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean.
    pub fn last_day(&self) -> Day {
        match (self.month, self.day) {
            (Some(m), Some(d)) => day_number(self.year, m, d),
            (Some(m), None) => day_number(self.year, m, days_in_month(self.year, m)),
            _ => day_number(self.year, 12, 31),
        }
    }

    /// ISO-like text: `2023`, `2023-05`, `2023-05-09`, with `?` when uncertain.
    pub fn iso(&self) -> String {
        let mut s = format!("{:04}", self.year);
        if let Some(m) = self.month {
            s.push_str(&format!("-{m:02}"));
        }
        if let Some(d) = self.day {
            s.push_str(&format!("-{d:02}"));
        }
        if self.uncertain {
            s.push('?');
        }
        s
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Chronological order: by first day, then the more precise date first, then the rest.
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.last_day().cmp(&other.last_day()))
            .then(self.uncertain.cmp(&other.uncertain))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Whether something holds on a given day, as far as the sources let us say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activity {
    /// Outside every day the span can mean.
    Inactive,
    /// Inside what the span can mean, but not certainly (e.g. March 2015 for "since 2015").
    Possibly,
    /// Certainly inside the span.
    Certainly,
}

impl Activity {
    /// True for both `Possibly` and `Certainly`: what the map shows "as of" a date.
    pub fn is_active(self) -> bool {
        self != Activity::Inactive
    }
}

/// A period during which something holds: an optional start (None = unknown, before our
/// records) and an optional end (None = ongoing, or no end known).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

impl Span {
    pub fn new(start: Option<PartialDate>, end: Option<PartialDate>) -> Self {
        Span { start, end }
    }

    /// True when the end cannot be after the start: the first day the end can mean is
    /// before the first day the start can mean. `2024` → `2024-03` is fine.
    pub fn ends_before_it_starts(&self) -> bool {
        match (self.start, self.end) {
            (Some(s), Some(e)) => e.last_day() < s.first_day(),
            _ => false,
        }
    }

    pub fn is_open(&self) -> bool {
        self.end.is_none()
    }

    /// See the module documentation for the rules.
    pub fn activity_on(&self, day: Day) -> Activity {
        let may_start = self.start.map_or(Day::MIN, |s| s.first_day());
        let may_end = self.end.map_or(Day::MAX, |e| e.last_day());
        if day < may_start || day > may_end {
            return Activity::Inactive;
        }
        let surely_started = self
            .start
            .is_none_or(|s| !s.uncertain && day >= s.last_day());
        let surely_not_ended = self
            .end
            .is_none_or(|e| !e.uncertain && day <= e.first_day());
        if surely_started && surely_not_ended {
            Activity::Certainly
        } else {
            Activity::Possibly
        }
    }

    pub fn active_on(&self, day: Day) -> bool {
        self.activity_on(day).is_active()
    }

    /// Order for lists and lanes: unknown starts first, then by start, then by end
    /// (ongoing last).
    pub fn chronological(&self, other: &Span) -> Ordering {
        let end_key = |s: &Span| s.end.map_or(Day::MAX, |e| e.last_day());
        match (self.start, other.start) {
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (a, b) => a.cmp(&b),
        }
        .then(end_key(self).cmp(&end_key(other)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    fn day(text: &str) -> Day {
        d(text).first_day()
    }

    #[test]
    fn day_numbers_match_known_dates_and_round_trip() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1), 11_017);
        assert_eq!(day_number(1964, 1, 1), -2192);
        for z in [-800_000, -2192, -1, 0, 1, 11_016, 19_486, 20_000, 400_000] {
            let (y, m, dd) = civil_from_day(z);
            assert_eq!(day_number(y, m, dd), z, "{y}-{m}-{dd}");
        }
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(d("2023-05-09"), PartialDate::day(2023, 5, 9));
        assert_eq!(d("2023-05"), PartialDate::month(2023, 5));
        assert_eq!(d("2023"), PartialDate::year(2023));
        assert_eq!(d("2023-05-09").precision(), Precision::Day);
        assert_eq!(d("2023-05").precision(), Precision::Month);
        assert_eq!(d("2023").precision(), Precision::Year);
        let hedged = d("2028?");
        assert!(hedged.uncertain);
        assert_eq!(hedged.iso(), "2028?");
    }

    #[test]
    fn refuses_malformed_dates_with_a_reason() {
        assert_eq!(PartialDate::parse("2023-13"), Err(DateError::Month(13)));
        assert_eq!(
            PartialDate::parse("2023-02-29"),
            Err(DateError::DayOfMonth { day: 29, max: 28 })
        );
        assert!(PartialDate::parse("2024-02-29").is_ok());
        for bad in [
            "",
            "23",
            "2023-5",
            "2023/05/09",
            "2023-05-09-01",
            "May 2023",
            "２０２３",
        ] {
            assert_eq!(PartialDate::parse(bad), Err(DateError::Format), "{bad:?}");
        }
        assert_eq!(PartialDate::parse("0999"), Err(DateError::Year(999)));
    }

    #[test]
    fn a_partial_date_covers_its_whole_period() {
        assert_eq!(d("2015").first_day(), day("2015-01-01"));
        assert_eq!(d("2015").last_day(), day("2015-12-31"));
        assert_eq!(d("2024-02").last_day(), day("2024-02-29"));
        assert_eq!(d("2023-02").last_day(), day("2023-02-28"));
        assert_eq!(d("2023-05-09").first_day(), d("2023-05-09").last_day());
    }

    #[test]
    fn relation_starting_in_a_year_is_possibly_active_within_that_year() {
        let since_2015 = Span::new(Some(d("2015")), None);
        assert_eq!(
            since_2015.activity_on(day("2014-12-31")),
            Activity::Inactive
        );
        assert_eq!(
            since_2015.activity_on(day("2015-01-01")),
            Activity::Possibly
        );
        assert_eq!(
            since_2015.activity_on(day("2015-03-01")),
            Activity::Possibly
        );
        assert_eq!(
            since_2015.activity_on(day("2015-12-31")),
            Activity::Certainly
        );
        assert_eq!(
            since_2015.activity_on(day("2030-01-01")),
            Activity::Certainly
        );
    }

    #[test]
    fn month_precision_start_is_certain_from_the_last_day_of_that_month() {
        let since_oct = Span::new(Some(d("2022-10")), None);
        assert!(!since_oct.active_on(day("2022-09-30")));
        assert_eq!(since_oct.activity_on(day("2022-10-15")), Activity::Possibly);
        assert_eq!(
            since_oct.activity_on(day("2022-10-31")),
            Activity::Certainly
        );
    }

    #[test]
    fn day_precision_span_is_certain_on_its_first_and_last_day_only_inside() {
        let crane = Span::new(Some(d("2022-10-01")), Some(d("2024-09-30")));
        assert!(!crane.active_on(day("2022-09-30")));
        assert_eq!(crane.activity_on(day("2022-10-01")), Activity::Certainly);
        assert_eq!(crane.activity_on(day("2024-09-30")), Activity::Certainly);
        assert!(!crane.active_on(day("2024-10-01")));
    }

    #[test]
    fn year_precision_end_is_possibly_active_until_the_end_of_that_year() {
        let presidency = Span::new(Some(d("2023-05-09")), Some(d("2025")));
        assert_eq!(
            presidency.activity_on(day("2024-12-31")),
            Activity::Certainly
        );
        assert_eq!(
            presidency.activity_on(day("2025-06-01")),
            Activity::Possibly
        );
        assert!(!presidency.active_on(day("2026-01-01")));
    }

    #[test]
    fn unknown_start_is_active_before_any_record_and_open_end_forever() {
        let always = Span::default();
        assert_eq!(always.activity_on(day("1900-01-01")), Activity::Certainly);
        let until_2014 = Span::new(None, Some(d("2014-02")));
        assert!(until_2014.active_on(day("1990-01-01")));
        assert!(!until_2014.active_on(day("2014-03-01")));
    }

    #[test]
    fn uncertain_dates_are_never_certain() {
        let hedged = Span::new(Some(d("2024-10")), Some(d("2028?")));
        assert_eq!(hedged.activity_on(day("2026-01-01")), Activity::Possibly);
    }

    #[test]
    fn end_before_start_compares_whole_periods() {
        assert!(Span::new(Some(d("2024-10-01")), Some(d("2024-09-30"))).ends_before_it_starts());
        assert!(!Span::new(Some(d("2024")), Some(d("2024-03"))).ends_before_it_starts());
        assert!(!Span::new(Some(d("2024-03")), Some(d("2024"))).ends_before_it_starts());
        assert!(Span::new(Some(d("2025")), Some(d("2024-12-31"))).ends_before_it_starts());
    }

    #[test]
    fn dates_sort_by_first_day_then_precision() {
        let mut dates = [
            d("2015"),
            d("2014-11"),
            d("2015-01-01"),
            d("2015-01"),
            d("2009"),
        ];
        dates.sort();
        let texts: Vec<String> = dates.iter().map(PartialDate::iso).collect();
        assert_eq!(texts, ["2009", "2014-11", "2015-01-01", "2015-01", "2015"]);
    }

    #[test]
    fn spans_sort_unknown_start_first_and_ongoing_last() {
        let mut spans = [
            Span::new(Some(d("2018-01")), None),
            Span::new(Some(d("2018-01")), Some(d("2020"))),
            Span::new(None, None),
            Span::new(Some(d("2011")), Some(d("2014-02"))),
        ];
        spans.sort_by(Span::chronological);
        assert_eq!(spans[0], Span::new(None, None));
        assert_eq!(spans[1].start, Some(d("2011")));
        assert_eq!(spans[2].end, Some(d("2020")));
        assert!(spans[3].is_open());
    }
}
