//! ISO 3166-1 alpha-2: the 249 officially assigned country codes, for the validator.
//!
//! Generated from Debian's iso-codes 4.15.0 (`/usr/share/iso-codes/json/iso_3166-1.json`);
//! when ISO assigns or withdraws a code, update the list (sorted, two letters each).

/// Every assigned code, sorted, two letters each, with no separator (498 bytes).
const ASSIGNED: &str = concat!(
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCD",
    "CFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGF",
    "GGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKN",
    "KPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA",
    "NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSI",
    "SJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI",
    "VNVUWFWSYEYTZAZMZW",
);

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code ("FR" yes; "XX", "fr", "FRA" no).
pub fn is_assigned(code: &str) -> bool {
    let code = code.as_bytes();
    code.len() == 2 && ASSIGNED.as_bytes().chunks(2).any(|pair| pair == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_assigned_codes_and_only_them() {
        for code in ["FR", "DE", "PF", "US", "JP", "SI", "AD", "ZW"] {
            assert!(is_assigned(code), "{code}");
        }
        for code in ["XX", "UK", "EU", "fr", "F", "FRA", "", "RF"] {
            assert!(!is_assigned(code), "{code}");
        }
    }

    #[test]
    fn the_list_is_sorted_pairs_of_capitals_without_repeats() {
        let pairs: Vec<&[u8]> = ASSIGNED.as_bytes().chunks(2).collect();
        assert_eq!(pairs.len(), 249);
        assert!(pairs
            .iter()
            .all(|p| p.len() == 2 && p.iter().all(u8::is_ascii_uppercase)));
        assert!(pairs.windows(2).all(|w| w[0] < w[1]));
    }
}
