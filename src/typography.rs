//! The house typography of visitor-facing text, one rule set for the data and the interface:
//! - one apostrophe, the typographic ’, in both languages;
//! - in French, a no-break space before `:` `;` `!` `?` and inside « », so that a line never
//!   breaks before the colon. The atlas writes a narrow no-break space (U+202F) everywhere,
//!   as [`crate::i18n::Lang::colon`] does; U+00A0 is accepted too.
//!
//! The data under `data/` is written this way once (`cargo xtask typography` puts it right);
//! the validator refuses a record that breaks a rule ([`fault`]), and a native test does the
//! same for the interface's strings. Pure and self-contained (no crate imports), so that
//! xtask can compile it as it is.

/// The narrow no-break space French puts before `:` `;` `!` `?` and inside « ».
pub const THIN: char = '\u{202f}';

/// What breaks the house style, and where (a byte offset into the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub at: usize,
    pub what: &'static str,
}

fn no_break(c: char) -> bool {
    c == THIN || c == '\u{a0}'
}

/// The first place where `text` breaks the house style, if any. `french` adds the French
/// spacing rules to the apostrophe rule both languages share.
pub fn fault(text: &str, french: bool) -> Option<Fault> {
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let what = match c {
            '\'' => Some("a straight apostrophe or quote (write ’, or quotation marks)"),
            '"' => Some("a straight double quote (write “ ” in English, « » in French)"),
            ':' | ';' | '!' | '?' if french && previous == Some(' ') => {
                Some("an ordinary space before a French colon, semicolon, ! or ? (write U+202F)")
            }
            '«' if french && next.is_some_and(|n| !no_break(n)) => {
                Some("« without a no-break space after it (write «\u{202f})")
            }
            '»' if french && previous.is_some_and(|p| !no_break(p)) => {
                Some("» without a no-break space before it (write \u{202f}»)")
            }
            _ => None,
        };
        if let Some(what) = what {
            return Some(Fault { at, what });
        }
        previous = Some(c);
    }
    None
}

/// `text` in the house style: ’ for an apostrophe; quotation marks for straight quotes
/// ('…' and "…" become ‘…’ and “…” in English, « … » in French); and in French U+202F
/// before `:` `;` `!` `?` (in place of an ordinary space) and inside « » (in place of an
/// ordinary space, or where there was none). Idempotent; text that already follows the
/// rules comes back unchanged.
pub fn fix(text: &str, french: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let (open, close) = if french {
        ("«\u{202f}", "\u{202f}»")
    } else {
        ("“", "”")
    };
    let (open_single, close_single) = if french {
        (open, close)
    } else {
        ("‘", "’")
    };
    let (mut in_single, mut in_double) = (false, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let starts = i == 0 || matches!(chars[i - 1], ' ' | '(' | '[' | '\u{a0}' | '/');
        match c {
            '\'' if starts && next.is_some_and(char::is_alphanumeric) && !in_single => {
                out.push_str(open_single);
                in_single = true;
            }
            '\'' if in_single && !next.is_some_and(char::is_alphanumeric) => {
                out.push_str(close_single);
                in_single = false;
            }
            '\'' => out.push('’'),
            '"' if !in_double => {
                out.push_str(open);
                in_double = true;
            }
            '"' => {
                out.push_str(close);
                in_double = false;
            }
            ' ' if french && matches!(next, Some(':' | ';' | '!' | '?' | '»')) => out.push(THIN),
            '«' if french => {
                out.push('«');
                match next {
                    Some(' ') => {
                        out.push(THIN);
                        i += 1;
                    }
                    Some(n) if no_break(n) => {}
                    _ => out.push(THIN),
                }
            }
            '»' if french => {
                let before = out.chars().next_back();
                if !before.is_some_and(no_break) {
                    out.push(THIN);
                }
                out.push('»');
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_spacing_and_apostrophes_are_put_right() {
        assert_eq!(
            fix("Source : l'atlas ; « CraNE » ! Pourquoi ?", true),
            "Source\u{202f}: l’atlas\u{202f}; «\u{202f}CraNE\u{202f}»\u{202f}! Pourquoi\u{202f}?"
        );
        // Guillemets with no space at all get one; no-break spaces already there stay.
        assert_eq!(fix("«CraNE»", true), "«\u{202f}CraNE\u{202f}»");
        assert_eq!(fix("«\u{a0}x\u{a0}»", true), "«\u{a0}x\u{a0}»");
    }

    #[test]
    fn straight_quotes_become_quotation_marks() {
        assert_eq!(
            fix("It said 'by November 2014', not 'l'an 2015'.", false),
            "It said ‘by November 2014’, not ‘l’an 2015’."
        );
        assert_eq!(
            fix("La page dit 'sept' et \"New Network\".", true),
            "La page dit «\u{202f}sept\u{202f}» et «\u{202f}New Network\u{202f}»."
        );
        assert_eq!(fix("the \"EU-28\" (sic)", false), "the “EU-28” (sic)");
    }

    #[test]
    fn english_only_gets_its_apostrophes() {
        assert_eq!(
            fix("Europe's plan: see it; why? Yes!", false),
            "Europe’s plan: see it; why? Yes!"
        );
    }

    #[test]
    fn urls_times_and_colons_without_a_space_are_left_alone() {
        let text = "https://example.org/a?b=c, à 10:30";
        assert_eq!(fix(text, true), text);
        assert_eq!(fault(text, true), None);
    }

    #[test]
    fn fixing_is_idempotent_and_leaves_no_fault() {
        for text in [
            "Nom allemand : Deutsches Krebsforschungszentrum.",
            "La page d'Unicancer indique « depuis 2015 » ; elle date de 2014 ?",
            "«déjà»",
            "Déjà juste\u{202f}: rien à faire.",
        ] {
            let once = fix(text, true);
            assert_eq!(fix(&once, true), once, "{text}");
            assert_eq!(fault(&once, true), None, "{once}");
        }
    }

    #[test]
    fn faults_name_the_rule_and_the_place() {
        let f = fault("Nom allemand : X", true).unwrap();
        assert_eq!(f.at, "Nom allemand :".len() - 1);
        assert!(f.what.contains("ordinary space"));
        assert!(fault("l'atlas", false).unwrap().what.contains("apostrophe"));
        assert!(fault("« x\u{202f}»", true).unwrap().what.starts_with('«'));
        assert!(fault("«\u{202f}x »", true).unwrap().what.starts_with('»'));
        // English keeps its own spacing: no space before the colon, none required.
        assert_eq!(fault("Source: the atlas", false), None);
    }
}
