//! The page's words: the page part of the text catalogue (crates/text), and the catalogue's words
//! for the engine's typed values.

pub use minzheng_text::page::*;
pub use minzheng_text::{binding, field_group, group, status, Lang, Word};
