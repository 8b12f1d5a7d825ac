//! View components, one file per part of the screen. They read state from context and
//! render it; logic they need lives in the pure modules at the crate root.

pub mod data_errors;
pub mod details;
pub mod footer;
pub mod header;
pub mod map;
pub mod timeline;
