//! Helpers shared by tests and benchmarks: a small deterministic random generator, so that
//! property tests and synthetic datasets are the same on every run, and the synthetic
//! datasets of the benchmarks. Not used by the app. Pure std + serde_json: `xtask` compiles
//! this directory too (`#[path]`), to write the same datasets as files.

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
pub struct Lcg(pub u64);

impl Lcg {
    /// The next 31 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// A number in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.next_u64() as f64 / (1u64 << 31) as f64
    }
}

pub mod synthetic;
