//! View components, one file per part of the screen. They read state from context and
//! render it; logic they need lives in the pure modules at the crate root.

pub mod custom_data;
pub mod data_errors;
pub mod details;
pub mod explore;
pub mod export;
pub mod filters;
pub mod footer;
pub mod header;
pub mod location;
pub mod map;
pub mod search;
pub mod table;
pub mod timeline;
