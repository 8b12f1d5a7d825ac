//! Where the timeline writes its items' names: inside a bar when the bar's visible part is
//! wide and tall enough, else just right or left of it where there is room, never over
//! another name or another item's bar, never outside the visible window. Recomputed at each
//! draw from the items' boxes on screen, so names follow zoom and pan. Also the width of a
//! name in the timeline's 12 px font, estimated without a browser (the prerendered first
//! screen places names too). Pure: no leptos.

/// A box on screen, in the timeline's plot coordinates (x to the right, y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// Whether the two boxes share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether `other` lies wholly inside this box.
    pub fn holds(&self, other: &Rect) -> bool {
        other.x0 >= self.x0 && other.x1 <= self.x1 && other.y0 >= self.y0 && other.y1 <= self.y1
    }

    fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// One item to name: its drawn box (a bar, or a dot's square), the width of its name, and
/// the box its name must stay in (its lane's band across the visible window).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub bar: Rect,
    pub width: f64,
    pub within: Rect,
}

/// Where a name is written, relative to its item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Over the bar's visible part, from its left end.
    Inside,
    /// After the bar's end.
    Right,
    /// Before the bar's start, ending there.
    Left,
}

/// A name that is drawn: where, and the box its text takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Label {
    pub side: Side,
    pub text: Rect,
}

/// Space between a name and its bar's end, or inside a bar between its edge and the text.
pub const PAD: f64 = 4.0;
/// The box one line of the timeline's text takes: 12 px type, ascent and descent (a
/// browser's text box for DejaVu Sans at 12 px is 14 px high; narrower fonts fit in it).
pub const TEXT_HEIGHT: f64 = 14.0;
/// The font size names are written in, in px.
pub const FONT_PX: f64 = 12.0;

/// Chooses a place for each name, or none. Every name lies in its mark's `within` box.
/// Names inside bars come first (they cost no room); then, in the order of `marks` (the
/// caller puts the most important first), a name goes right of its item, else left of it,
/// level with it, else reaching down into the rows below, else up into the rows above,
/// where it overlaps no name already placed and no other item's box. Items wholly outside
/// their `within` box get no name. Deterministic; each name is checked against the boxes
/// in its columns of the screen only.
pub fn place(marks: &[Mark]) -> Vec<Option<Label>> {
    let shown: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].bar.overlaps(&marks[i].within))
        .collect();
    let mut out: Vec<Option<Label>> = vec![None; marks.len()];
    // Boxes by column of the screen, so that a name is checked against its neighbours
    // only (thousands of items by `?data=`).
    let mut bars = Columns::default();
    for &i in &shown {
        bars.insert(i, marks[i].bar);
    }
    let mut taken = Columns::default();
    let free = |i: usize, text: &Rect, taken: &Columns| {
        marks[i].within.holds(text) && !taken.hits(usize::MAX, text) && !bars.hits(i, text)
    };
    for &i in &shown {
        let Mark { bar, width, within } = marks[i];
        let left = bar.x0.max(within.x0);
        let right = bar.x1.min(within.x1);
        if bar.height() < TEXT_HEIGHT || right - left < width + 2.0 * PAD {
            continue;
        }
        let middle = (bar.y0 + bar.y1) / 2.0 - TEXT_HEIGHT / 2.0;
        let text = line(left + PAD, middle, width);
        if bar.holds(&text) && free(i, &text, &taken) {
            taken.insert(i, text);
            out[i] = Some(Label {
                side: Side::Inside,
                text,
            });
        }
    }
    for &i in &shown {
        if out[i].is_some() {
            continue;
        }
        let Mark { bar, width, .. } = marks[i];
        let level = (bar.y0 + bar.y1) / 2.0 - TEXT_HEIGHT / 2.0;
        let tops = [level, bar.y0, bar.y1 - TEXT_HEIGHT];
        let sides = [
            (Side::Right, bar.x1 + PAD),
            (Side::Left, bar.x0 - PAD - width),
        ];
        'found: for top in tops {
            for (side, x) in sides {
                let text = line(x, top, width);
                if free(i, &text, &taken) {
                    taken.insert(i, text);
                    out[i] = Some(Label { side, text });
                    break 'found;
                }
            }
        }
    }
    out
}

/// Boxes filed by the 64 px columns of the screen they cross (clamped to a few thousand
/// columns), each with the item it belongs to.
#[derive(Default)]
struct Columns {
    cells: Vec<Vec<(usize, Rect)>>,
}

impl Columns {
    const WIDTH: f64 = 64.0;
    const MAX: usize = 4096;

    fn span(r: &Rect) -> std::ops::RangeInclusive<usize> {
        let col = |x: f64| (x / Self::WIDTH).floor().clamp(0.0, (Self::MAX - 1) as f64) as usize;
        col(r.x0)..=col(r.x1)
    }

    fn insert(&mut self, item: usize, r: Rect) {
        for c in Self::span(&r) {
            if self.cells.len() <= c {
                self.cells.resize_with(c + 1, Vec::new);
            }
            self.cells[c].push((item, r));
        }
    }

    /// Whether a box of another item than `item` overlaps `r`.
    fn hits(&self, item: usize, r: &Rect) -> bool {
        Self::span(r).any(|c| {
            self.cells
                .get(c)
                .is_some_and(|cell| cell.iter().any(|(j, b)| *j != item && b.overlaps(r)))
        })
    }
}

/// One item of a lane to stack: its extent on screen and the width of its name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    pub from: f64,
    pub to: f64,
    pub width: f64,
    /// Whether the item must have room for its name; others take the first row their bar
    /// fits in, and are named only where room is left.
    pub named: bool,
}

/// The rows of a lane: each item's row, and the lane's height in px (a name may reach
/// below the last row).
#[derive(Clone, Debug, PartialEq)]
pub struct Rows {
    pub rows: Vec<usize>,
    pub height: f64,
}

/// Stacks a lane's items in rows `row` px high (bars `inset` px in from the row's edges,
/// at least `gap` px apart along a row) so that every item has room for its name: inside
/// its bar, or beside it in any of the places [`place`] tries, between `left` and `right`
/// (the ends of the whole timeline, not of the window: the rows do not change as it pans).
/// Items go in order of their start, each in the first row where its bar and its name fit;
/// a row below all others always has room (but for a name wider than the timeline, which
/// goes without), so this ends. Deterministic.
pub fn stack_named(
    extents: &[Extent],
    row: f64,
    inset: f64,
    gap: f64,
    (left, right): (f64, f64),
) -> Rows {
    let order = crate::sort::order(extents.len(), &|a, b| {
        extents[a].from.total_cmp(&extents[b].from)
    });
    let mut bars: Vec<Rect> = Vec::new();
    let mut texts: Vec<Rect> = Vec::new();
    let mut rows = vec![0; extents.len()];
    let mut height: f64 = 0.0;
    for i in order {
        let Extent {
            from,
            to,
            width,
            named,
        } = extents[i];
        let to = to.max(from);
        for r in 0.. {
            let top = r as f64 * row;
            let bar = Rect {
                x0: from,
                y0: top + inset,
                x1: to,
                y1: top + row - inset,
            };
            let spaced = Rect {
                x0: from - gap,
                x1: to + gap,
                ..bar
            };
            if bars.iter().chain(&texts).any(|b| b.overlaps(&spaced)) {
                continue;
            }
            let free = |t: &Rect| {
                t.y0 >= -1.0
                    && t.x0 >= left
                    && t.x1 <= right
                    && !bars.iter().chain(&texts).any(|b| b.overlaps(t))
            };
            let inside = (bar.height() >= TEXT_HEIGHT && to - from >= width + 2.0 * PAD)
                .then(|| line(from + PAD, (bar.y0 + bar.y1 - TEXT_HEIGHT) / 2.0, width));
            let level = (bar.y0 + bar.y1) / 2.0 - TEXT_HEIGHT / 2.0;
            let beside = [level, bar.y0, bar.y1 - TEXT_HEIGHT]
                .into_iter()
                .flat_map(|y| [line(to + PAD, y, width), line(from - PAD - width, y, width)]);
            let text = inside
                .into_iter()
                .filter(|t| !bars.iter().chain(&texts).any(|b| b.overlaps(t)))
                .chain(beside.filter(free))
                .next();
            // Past every bar and every name reaching below one, a name always fits unless
            // it is wider than the timeline: then the item goes without.
            let used = bars.iter().chain(&texts).map(|b| b.y1).fold(0.0, f64::max);
            if named && text.is_none() && top < used + row {
                continue;
            }
            let text = text.filter(|_| named);
            rows[i] = r;
            bars.push(bar);
            height = height.max(top + row);
            if let Some(t) = text {
                if inside.is_none_or(|i| i != t) {
                    height = height.max(t.y1);
                    texts.push(t);
                }
            }
            break;
        }
    }
    Rows { rows, height }
}

/// One line of text `width` wide from `x`, its box's top at `top`.
fn line(x: f64, top: f64, width: f64) -> Rect {
    Rect {
        x0: x,
        y0: top,
        x1: x + width,
        y1: top + TEXT_HEIGHT,
    }
}

/// Advance widths of ASCII ' ' to '~' in thousandths of an em, from DejaVu Sans (the
/// system sans-serif on Debian and most Linux desktops): among the fonts of the app's
/// stack the widest, so an estimate from it is never short for the others (Segoe UI, San
/// Francisco, Roboto, Helvetica and Arial are narrower).
const ADVANCE: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318,
    337, // ' '..'/'
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838,
    531, // '0'..'?'
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748,
    787, // '@'..'O'
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
    500, // 'P'..'_'
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634,
    612, // '`'..'o'
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, // 'p'..'~'
];

/// The width of `text` written in the timeline's font at `font_px`, rounded up a little
/// (2 %) for kerning and hinting. Letters outside ASCII count as wide capitals (accented
/// letters are as wide as their base letter or a little less).
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let thousandths: u32 = text
        .chars()
        .map(|c| match c {
            ' '..='~' => u32::from(ADVANCE[c as usize - ' ' as usize]),
            '\u{a0}' | '\u{202f}' | '’' | '‘' => 320,
            '–' => 500,
            '—' | '…' => 1000,
            'œ' | 'Œ' | 'æ' | 'Æ' => 1100,
            // Accented letters and the rest: as wide as a wide capital (no Unicode case
            // tables in the wasm for a closer guess).
            _ => 800,
        })
        .sum();
    f64::from(thousandths) * font_px / 1000.0 * 1.02
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    fn bar(x0: f64, x1: f64, row: usize, width: f64) -> Mark {
        let top = 20.0 + 16.0 * row as f64;
        Mark {
            bar: rect(x0, top + 1.0, x1, top + 15.0),
            width,
            within: VIEW,
        }
    }

    const VIEW: Rect = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 1000.0,
        y1: 300.0,
    };

    /// The invariants every placement keeps.
    fn check(marks: &[Mark], placed: &[Option<Label>]) {
        let drawn: Vec<(usize, Label)> = placed
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.map(|l| (i, l)))
            .collect();
        for (k, &(i, a)) in drawn.iter().enumerate() {
            assert!(marks[i].within.holds(&a.text), "{i} lies in its box");
            assert!((a.text.x1 - a.text.x0 - marks[i].width).abs() < 1e-9);
            if a.side == Side::Inside {
                assert!(marks[i].bar.holds(&a.text), "{i} fits its bar");
            }
            for &(j, b) in &drawn[k + 1..] {
                assert!(!a.text.overlaps(&b.text), "names {i} and {j} overlap");
            }
            for (j, m) in marks.iter().enumerate() {
                if j != i {
                    assert!(!m.bar.overlaps(&a.text), "name {i} is over bar {j}");
                }
            }
        }
    }

    #[test]
    fn a_wide_bar_carries_its_name_inside() {
        let marks = [bar(100.0, 400.0, 0, 60.0)];
        let placed = place(&marks);
        let label = placed[0].expect("named");
        assert_eq!(label.side, Side::Inside);
        assert_eq!(label.text.x0, 100.0 + PAD);
        check(&marks, &placed);
    }

    #[test]
    fn a_bar_panned_half_out_of_view_writes_its_name_in_the_visible_part() {
        let marks = [bar(-500.0, 200.0, 0, 60.0)];
        let placed = place(&marks);
        assert_eq!(
            placed[0].map(|l| (l.side, l.text.x0)),
            Some((Side::Inside, PAD))
        );
    }

    #[test]
    fn a_short_bar_is_named_beside_it_right_first_then_left() {
        // b's right is taken by c's bar; a's is free.
        let marks = [
            bar(100.0, 110.0, 0, 50.0),
            bar(300.0, 310.0, 1, 50.0),
            bar(320.0, 600.0, 1, 400.0),
        ];
        let placed = place(&marks);
        assert_eq!(placed[0].map(|l| l.side), Some(Side::Right));
        assert_eq!(placed[0].unwrap().text.x0, 110.0 + PAD);
        assert_eq!(placed[1].map(|l| l.side), Some(Side::Left));
        assert_eq!(placed[1].unwrap().text.x1, 300.0 - PAD);
        assert_eq!(
            placed[2], None,
            "too long for its bar, and no room beside it"
        );
        check(&marks, &placed);
    }

    #[test]
    fn a_thin_row_never_takes_names_inside() {
        let marks = [Mark {
            bar: rect(0.0, 10.0, 500.0, 18.0),
            width: 40.0,
            within: VIEW,
        }];
        let placed = place(&marks);
        assert_ne!(placed[0].map(|l| l.side), Some(Side::Inside));
        check(&marks, &placed);
    }

    #[test]
    fn names_never_leave_the_view_and_items_out_of_view_get_none() {
        let marks = [
            bar(980.0, 990.0, 0, 50.0), // right: off the edge; left: fits
            bar(1200.0, 1300.0, 1, 10.0),
            bar(2.0, 8.0, 2, 50.0), // left: off the edge; right: fits
        ];
        let placed = place(&marks);
        assert_eq!(placed[0].map(|l| l.side), Some(Side::Left));
        assert_eq!(placed[1], None);
        assert_eq!(placed[2].map(|l| l.side), Some(Side::Right));
        check(&marks, &placed);
    }

    #[test]
    fn earlier_marks_win_a_contested_place() {
        // Two dots one above the other on thin rows: one line of text spans both rows, so
        // only one of them can be named on the right; the other goes left.
        let dot = |y0: f64| Mark {
            bar: rect(500.0, y0, 510.0, y0 + 10.0),
            width: 80.0,
            within: VIEW,
        };
        let marks = [dot(20.0), dot(30.0)];
        let placed = place(&marks);
        assert_eq!(placed[0].map(|l| l.side), Some(Side::Right));
        assert_eq!(placed[1].map(|l| l.side), Some(Side::Left));
        let placed = place(&[marks[1], marks[0]]);
        assert_eq!(placed[0].map(|l| l.side), Some(Side::Right));
        assert_eq!(placed[1].map(|l| l.side), Some(Side::Left));
        check(&marks, &place(&marks));
    }

    #[test]
    fn overlapping_bars_keep_their_names_off_each_other() {
        // A band under a dot (the compact events lane lets them overlap).
        let marks = [
            bar(100.0, 400.0, 0, 80.0),
            Mark {
                bar: rect(150.0, 20.0, 160.0, 30.0),
                width: 30.0,
                within: VIEW,
            },
        ];
        let placed = place(&marks);
        check(&marks, &placed);
    }

    #[test]
    fn crowded_random_timelines_keep_every_invariant_and_are_deterministic() {
        let mut rng = crate::testing::Lcg(30);
        for _ in 0..200 {
            let n = 1 + rng.below(60) as usize;
            let marks: Vec<Mark> = (0..n)
                .map(|_| {
                    let x0 = rng.below(1400) as f64 - 200.0;
                    let len = if rng.below(4) == 0 {
                        6.0
                    } else {
                        rng.below(500) as f64
                    };
                    let row = rng.below(10);
                    let height = [6.0, 10.0, 14.0, 18.0][rng.below(4) as usize];
                    let top = 24.0 + row as f64 * height;
                    Mark {
                        bar: rect(x0, top + 1.0, x0 + len, top + height - 1.0),
                        width: 10.0 + rng.below(150) as f64,
                        within: VIEW,
                    }
                })
                .collect();
            let placed = place(&marks);
            check(&marks, &placed);
            assert_eq!(placed, place(&marks));
        }
    }

    #[test]
    fn stacking_leaves_room_for_every_name() {
        let mut rng = crate::testing::Lcg(7);
        for _ in 0..100 {
            let n = 1 + rng.below(20) as usize;
            let extents: Vec<Extent> = (0..n)
                .map(|_| {
                    let from = rng.below(900) as f64;
                    Extent {
                        from,
                        to: from + rng.below(300) as f64,
                        width: 20.0 + rng.below(80) as f64,
                        named: true,
                    }
                })
                .collect();
            let row = [8.0, 12.0, 16.0, 20.0][rng.below(4) as usize];
            let stacked = stack_named(&extents, row, 1.0, 3.0, (-1e6, 1e6));
            let marks: Vec<Mark> = extents
                .iter()
                .zip(&stacked.rows)
                .map(|(e, &r)| Mark {
                    bar: rect(
                        e.from,
                        r as f64 * row + 1.0,
                        e.to,
                        (r + 1) as f64 * row - 1.0,
                    ),
                    width: e.width,
                    within: rect(-1e6, -1.0, 1e6, stacked.height),
                })
                .collect();
            for (a, m) in marks.iter().enumerate() {
                for b in &marks[a + 1..] {
                    assert!(!m.bar.overlaps(&b.bar), "bars overlap");
                }
            }
            let placed = place(&marks);
            check(&marks, &placed);
            // Names are placed greedily in another order than the stacking's, so a few
            // may lose their room; nearly all keep it.
            let named = placed.iter().flatten().count();
            assert!(named * 10 >= n * 8, "{named} of {n} named");
        }
    }

    #[test]
    fn text_width_follows_dejavu_sans_and_is_never_short() {
        // DejaVu Sans: C r a N E = 0.698 + 0.411 + 0.613 + 0.748 + 0.632 em = 37.2 px at
        // 12 px; the e2e tests measure the drawn boxes in Chromium.
        assert!((text_width("CraNE", 12.0) - 37.2).abs() < 1.0);
        assert!(text_width("CraNE", 12.0) >= 37.2);
        assert!(text_width("iiii", 12.0) < text_width("MMMM", 12.0));
        assert!(text_width("Épée", 12.0) >= text_width("Epee", 12.0));
        assert_eq!(text_width("", 12.0), 0.0);
    }
}
