//! The Rust toolchain the project builds with: one place, read by both stages of
//! `cargo xtask` (the boot stage installs it; the xtask runs every cargo call under it).
//!
//! Why not `rust-toolchain.toml`: with `RUSTUP_AUTO_INSTALL=0` (set on the reference
//! machines) rustup refuses to run *any* cargo command in a directory whose pin is not
//! installed yet, so the project's own set-up could never start. The boot stage runs under
//! the machine's default toolchain instead and installs this one itself.

/// The pinned toolchain: trunk 0.22.1 needs rustc >= 1.96.1.
pub const TOOLCHAIN: &str = "1.99.1";
/// Components beyond rustup's minimal profile: the test command runs both.
pub const COMPONENTS: [&str; 2] = ["clippy", "rustfmt"];
/// The app's target.
pub const TARGET: &str = "wasm32-unknown-unknown";
