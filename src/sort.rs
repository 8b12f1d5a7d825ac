//! One sort routine for the whole crate.
//!
//! Each `slice::sort_by` call with its own closure compiles its own copy of the standard
//! library's sort, several KB of wasm each. Here the standard sort is instantiated once, on
//! indices with a `dyn` comparison, and the items are then moved into that order: a dozen
//! call sites cost one sort. Every sort here is stable.

use std::cmp::Ordering;

/// The indices `0..len` in the order `cmp` gives them (stable: ties keep index order).
pub fn order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..len).collect();
    indices.sort_by(|&a, &b| cmp(a, b));
    indices
}

/// Sorts `items` by `cmp`, stably.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives each, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Where each id sits in a list of records, found by binary search: near-linear to build
/// for 10 000 records, and no hash map (which would add 2 KB of wasm).
pub struct Positions<'a>(Vec<(&'a str, usize)>);

impl<'a> Positions<'a> {
    pub fn new(ids: impl Iterator<Item = &'a str>) -> Positions<'a> {
        let mut pairs: Vec<(&str, usize)> = ids.zip(0..).collect();
        sort(&mut pairs);
        Positions(pairs)
    }

    /// The position of `id` in the list, if it is there.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.0
            .binary_search_by(|(k, _)| (*k).cmp(id))
            .ok()
            .map(|i| self.0[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_keeps_every_item() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by_key(&mut items, |p| p.0);
        assert_eq!(
            items,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        sort_by(&mut items, |a, b| b.0.cmp(&a.0));
        assert_eq!(
            items,
            [(3, 'a'), (3, 'c'), (2, 'd'), (1, 'b'), (1, 'e'), (0, 'f')]
        );
    }

    #[test]
    fn matches_the_standard_sort_on_many_inputs() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..200 {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 7) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            sort_by_key(&mut items, |p| p.0);
            assert_eq!(items, expected, "length {len}");
            let mut natural = items.clone();
            sort(&mut natural);
            expected.sort();
            assert_eq!(natural, expected);
        }
        let mut strings = vec!["b".to_owned(), "a".to_owned(), "c".to_owned()];
        sort(&mut strings);
        assert_eq!(strings, ["a", "b", "c"]);
        assert!(order(0, &|a, b| a.cmp(&b)).is_empty());
    }
}
