//! The timeline's geometry: a linear scale from days to pixels, ticks that adapt to the
//! zoom (decades, years, quarters, months) with labels in each language, and lane stacking
//! so that items never overlap. Pure: no leptos, no clock.

use crate::i18n::Lang;
use crate::model::date::{civil_from_day, day_number, Day};

/// Maps days to pixels: `start` is drawn at x = 0 and `end` at x = `width`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    pub start: Day,
    pub end: Day,
    pub width: f64,
}

/// The shortest span a timeline may show (about two months), and the longest (two centuries).
pub const MIN_SPAN_DAYS: Day = 60;
pub const MAX_SPAN_DAYS: Day = 200 * 366;

impl TimeScale {
    pub fn new(start: Day, end: Day, width: f64) -> TimeScale {
        let width = if width.is_finite() && width >= 1.0 {
            width
        } else {
            1.0
        };
        let (start, end) = if end > start {
            (start, end)
        } else {
            (start, start + MIN_SPAN_DAYS)
        };
        TimeScale { start, end, width }
    }

    pub fn days(&self) -> f64 {
        f64::from(self.end - self.start)
    }

    pub fn x(&self, day: Day) -> f64 {
        f64::from(day - self.start) / self.days() * self.width
    }

    pub fn day_at(&self, x: f64) -> Day {
        let x = if x.is_finite() { x } else { 0.0 };
        self.start + (x / self.width * self.days()).round() as Day
    }

    /// Zooms by `factor` (> 1 zooms in) around pixel `x`, keeping the span between
    /// [`MIN_SPAN_DAYS`] and [`MAX_SPAN_DAYS`] and inside `bounds`.
    pub fn zoom_at(&self, factor: f64, x: f64, bounds: (Day, Day)) -> TimeScale {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let anchor = self.day_at(x);
        let span = (self.days() / factor)
            .round()
            .clamp(f64::from(MIN_SPAN_DAYS), f64::from(MAX_SPAN_DAYS));
        let left = f64::from(anchor) - x / self.width * span;
        let start = left.round() as Day;
        TimeScale {
            start,
            end: start + span as Day,
            ..*self
        }
        .within(bounds)
    }

    /// Moves by `dx` pixels (content follows the pointer), staying inside `bounds`.
    pub fn pan_by(&self, dx: f64, bounds: (Day, Day)) -> TimeScale {
        let dx = if dx.is_finite() { dx } else { 0.0 };
        let limit = f64::from(MAX_SPAN_DAYS);
        let shift = (dx / self.width * self.days()).round().clamp(-limit, limit) as Day;
        TimeScale {
            start: self.start - shift,
            end: self.end - shift,
            ..*self
        }
        .within(bounds)
    }

    /// The window moved as little as needed to show the days `from` to `to` with `margin`
    /// px to spare on either side: the keyboard's way to an item out of view. A span wider
    /// than the window is left alone if it crosses it, else brought in by its start.
    pub fn reveal(&self, from: Day, to: Day, margin: f64, bounds: (Day, Day)) -> TimeScale {
        let (x0, x1) = (self.x(from), self.x(to.max(from)));
        let (lo, hi) = (margin, self.width - margin);
        let dx = if x1 - x0 >= hi - lo {
            if x0 < hi && x1 > lo {
                0.0
            } else {
                lo - x0
            }
        } else if x0 < lo {
            lo - x0
        } else if x1 > hi {
            hi - x1
        } else {
            0.0
        };
        if dx == 0.0 {
            *self
        } else {
            self.pan_by(dx, bounds)
        }
    }

    /// Slides the window back inside `bounds` (or fits it, if it is wider than they are).
    pub fn within(self, (lo, hi): (Day, Day)) -> TimeScale {
        let span = self.end - self.start;
        if span >= hi - lo {
            return TimeScale {
                start: lo,
                end: hi,
                ..self
            };
        }
        let start = self.start.clamp(lo, hi - span);
        TimeScale {
            start,
            end: start + span,
            ..self
        }
    }
}

/// How far apart ticks are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TickUnit {
    Month,
    Quarter,
    Year,
    FiveYears,
    Decade,
}

impl TickUnit {
    const ALL: [TickUnit; 5] = [
        TickUnit::Month,
        TickUnit::Quarter,
        TickUnit::Year,
        TickUnit::FiveYears,
        TickUnit::Decade,
    ];

    /// Average length in days, to pick the unit.
    fn approx_days(self) -> f64 {
        match self {
            TickUnit::Month => 30.44,
            TickUnit::Quarter => 91.31,
            TickUnit::Year => 365.25,
            TickUnit::FiveYears => 5.0 * 365.25,
            TickUnit::Decade => 3652.5,
        }
    }

    /// Months between ticks.
    fn months(self) -> i32 {
        match self {
            TickUnit::Month => 1,
            TickUnit::Quarter => 3,
            TickUnit::Year => 12,
            TickUnit::FiveYears => 60,
            TickUnit::Decade => 120,
        }
    }
}

/// One tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub day: Day,
    pub x: f64,
    pub label: String,
    /// Year starts (and decade starts for coarse units): drawn stronger.
    pub major: bool,
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// A month's short name.
pub fn month_name(lang: Lang, month: u8) -> &'static str {
    let i = usize::from(month.clamp(1, 12) - 1);
    match lang {
        Lang::En => MONTHS_EN[i],
        Lang::Fr => MONTHS_FR[i],
    }
}

/// The finest unit whose ticks are at least `min_px` apart on this scale.
pub fn tick_unit(scale: &TimeScale, min_px: f64) -> TickUnit {
    let px_per_day = scale.width / scale.days();
    TickUnit::ALL
        .into_iter()
        .find(|u| u.approx_days() * px_per_day >= min_px)
        .unwrap_or(TickUnit::Decade)
}

/// Ticks for the visible window, labelled in `lang`, at least `min_px` apart.
pub fn ticks(scale: &TimeScale, lang: Lang, min_px: f64) -> Vec<Tick> {
    let unit = tick_unit(scale, min_px);
    let step = unit.months();
    let (y0, m0, _) = civil_from_day(scale.start);
    // First tick: the first month boundary at or after the start that is a multiple of the step.
    let mut index = y0 * 12 + i32::from(m0) - 1;
    index = index.div_euclid(step) * step;
    let mut out = Vec::new();
    loop {
        let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
        let day = day_number(year, month, 1);
        if day > scale.end {
            break;
        }
        if day >= scale.start {
            let label = match unit {
                TickUnit::Month if month != 1 => month_name(lang, month).to_owned(),
                TickUnit::Quarter if month != 1 => {
                    let q = (month - 1) / 3 + 1;
                    match lang {
                        Lang::En => format!("Q{q}"),
                        Lang::Fr => format!("T{q}"),
                    }
                }
                _ => year.to_string(),
            };
            let major = month == 1 && (unit < TickUnit::FiveYears || year % 10 == 0);
            out.push(Tick {
                day,
                x: scale.x(day),
                label,
                major,
            });
        }
        index += step;
        if out.len() > 2000 {
            break;
        }
    }
    out
}

/// Assigns each interval (x from, x to) a row so that items in one row are at least `gap`
/// pixels apart. Items are placed in order of their start; returns the row of each item
/// (in input order) and the number of rows.
pub fn stack(intervals: &[(f64, f64)], gap: f64) -> (Vec<usize>, usize) {
    let order = crate::sort::order(intervals.len(), &|a, b| {
        intervals[a].0.total_cmp(&intervals[b].0)
    });
    let mut row_ends: Vec<f64> = Vec::new();
    let mut rows = vec![0; intervals.len()];
    for i in order {
        let (from, to) = intervals[i];
        let to = to.max(from);
        match row_ends.iter().position(|&end| end + gap <= from) {
            Some(r) => {
                rows[i] = r;
                row_ends[r] = to;
            }
            None => {
                rows[i] = row_ends.len();
                row_ends.push(to);
            }
        }
    }
    let count = row_ends.len();
    (rows, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    fn day(text: &str) -> Day {
        PartialDate::parse(text).unwrap().first_day()
    }

    #[test]
    fn scale_maps_both_ways() {
        let s = TimeScale::new(day("2000-01-01"), day("2030-01-01"), 1000.0);
        assert_eq!(s.x(day("2000-01-01")), 0.0);
        assert!((s.x(day("2030-01-01")) - 1000.0).abs() < 1e-9);
        assert_eq!(s.day_at(s.x(day("2015-06-15"))), day("2015-06-15"));
    }

    #[test]
    fn ticks_adapt_to_zoom_from_decades_to_months() {
        let bounds = (day("1960-01-01"), day("2030-01-01"));
        let wide = TimeScale::new(bounds.0, bounds.1, 600.0);
        assert_eq!(tick_unit(&wide, 50.0), TickUnit::Decade);
        let years = TimeScale::new(day("2010-01-01"), day("2026-01-01"), 1200.0);
        assert_eq!(tick_unit(&years, 50.0), TickUnit::Year);
        let quarters = TimeScale::new(day("2022-01-01"), day("2025-01-01"), 1200.0);
        assert_eq!(tick_unit(&quarters, 50.0), TickUnit::Quarter);
        let months = TimeScale::new(day("2023-01-01"), day("2024-01-01"), 1200.0);
        assert_eq!(tick_unit(&months, 50.0), TickUnit::Month);
    }

    #[test]
    fn ticks_are_labelled_in_each_language_and_never_closer_than_asked() {
        let s = TimeScale::new(day("2022-11-15"), day("2024-02-01"), 1200.0);
        let en = ticks(&s, Lang::En, 40.0);
        let fr = ticks(&s, Lang::Fr, 40.0);
        let labels_en: Vec<&str> = en.iter().map(|t| t.label.as_str()).collect();
        let labels_fr: Vec<&str> = fr.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(&labels_en[..4], ["Dec", "2023", "Feb", "Mar"]);
        assert_eq!(&labels_fr[..4], ["déc.", "2023", "févr.", "mars"]);
        assert!(en.iter().find(|t| t.label == "2023").unwrap().major);
        for pair in en.windows(2) {
            assert!(pair[1].x - pair[0].x >= 40.0 * 0.9, "{pair:?}");
        }
        let q = TimeScale::new(day("2022-01-01"), day("2024-12-31"), 1000.0);
        let labels: Vec<String> = ticks(&q, Lang::Fr, 50.0)
            .into_iter()
            .map(|t| t.label)
            .collect();
        assert_eq!(&labels[..4], ["2022", "T2", "T3", "T4"]);
    }

    #[test]
    fn decade_ticks_fall_on_decades() {
        let s = TimeScale::new(day("1963-05-01"), day("2027-12-31"), 500.0);
        let labels: Vec<String> = ticks(&s, Lang::En, 60.0)
            .into_iter()
            .map(|t| t.label)
            .collect();
        assert_eq!(labels, ["1970", "1980", "1990", "2000", "2010", "2020"]);
    }

    #[test]
    fn zoom_keeps_the_day_under_the_pointer_and_respects_limits() {
        let bounds = (day("1960-01-01"), day("2030-01-01"));
        let s = TimeScale::new(day("2000-01-01"), day("2030-01-01"), 1000.0);
        let x = s.x(day("2015-01-01"));
        let z = s.zoom_at(4.0, x, bounds);
        assert!((z.day_at(x) - day("2015-01-01")).abs() <= 1);
        assert!((z.days() - s.days() / 4.0).abs() <= 1.0);
        let tight = s.zoom_at(1e9, x, bounds);
        assert_eq!(tight.end - tight.start, MIN_SPAN_DAYS);
        let wide = s.zoom_at(1e-9, x, bounds);
        assert_eq!((wide.start, wide.end), bounds);
        assert_eq!(s.zoom_at(f64::NAN, x, bounds).days(), s.days());
    }

    #[test]
    fn pan_stays_inside_bounds() {
        let bounds = (day("1960-01-01"), day("2030-01-01"));
        let s = TimeScale::new(day("2000-01-01"), day("2010-01-01"), 1000.0);
        let left = s.pan_by(1e9, bounds);
        assert_eq!(left.start, bounds.0);
        assert_eq!(left.end - left.start, s.end - s.start);
        let right = s.pan_by(-1e9, bounds);
        assert_eq!(right.end, bounds.1);
    }

    #[test]
    fn reveal_pans_just_enough_to_show_a_span_and_leaves_a_shown_one_alone() {
        let bounds = (day("2000-01-01"), day("2040-01-01"));
        let s = TimeScale::new(day("2010-01-01"), day("2020-01-01"), 1000.0);
        let shown = s.reveal(day("2012-01-01"), day("2013-01-01"), 20.0, bounds);
        assert_eq!(shown, s);
        let later = s.reveal(day("2022-01-01"), day("2023-01-01"), 20.0, bounds);
        assert!(
            (later.x(day("2023-01-01")) - 980.0).abs() < 1.0,
            "ends 20 px from the edge"
        );
        assert_eq!(later.days(), s.days(), "no zoom");
        let earlier = s.reveal(day("2005-01-01"), day("2006-01-01"), 20.0, bounds);
        assert!((earlier.x(day("2005-01-01")) - 20.0).abs() < 1.0);
        let long = s.reveal(day("2005-01-01"), day("2030-01-01"), 20.0, bounds);
        assert_eq!(long, s, "a span across the window is already shown");
        let far = s.reveal(day("2025-01-01"), day("2039-01-01"), 20.0, bounds);
        assert!(
            (far.x(day("2025-01-01")) - 20.0).abs() < 1.0,
            "brought in by its start"
        );
    }

    #[test]
    fn stacking_never_overlaps_and_uses_few_rows() {
        let items = [
            (0.0, 100.0),
            (50.0, 150.0),
            (105.0, 200.0),
            (160.0, 170.0),
            (0.0, 10.0),
            (300.0, 300.0),
        ];
        let (rows, count) = stack(&items, 4.0);
        for i in 0..items.len() {
            for j in 0..items.len() {
                if i != j && rows[i] == rows[j] {
                    let (a, b) = (items[i], items[j]);
                    assert!(
                        a.1 + 4.0 <= b.0 || b.1 + 4.0 <= a.0,
                        "{a:?} and {b:?} overlap in row {}",
                        rows[i]
                    );
                }
            }
        }
        assert_eq!(count, 2, "{rows:?}");
        assert_eq!(rows[0], 0);
        assert_eq!(
            rows[1], 1,
            "(50, 150) overlaps (0, 100) but fits after (0, 10)"
        );
        assert_eq!(rows[2], 0, "the first row is reused once free");
    }
}
