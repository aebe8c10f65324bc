//! 民政规划指标测算器 — the Civil Affairs Targets Calculator.
//!
//! Turns a locality's population figures into the staffing, facility, land and money targets of the
//! Liaoning Province Civil Affairs 14th Five-Year Plan (2021–2025), exactly (`rust_decimal`), with
//! the plan's own words behind each number. Data flows one way:
//! typed text → `inputs` → `engine` (evaluating the `rules` records) → typed results → the page
//! (crates/web) and spreadsheets (crates/batch), which put them into words (crates/text). Nothing
//! here knows of browsers or files.

pub mod engine;
pub mod fields;
pub mod format;
pub mod formula;
pub mod fragment;
pub mod inputs;
pub mod level;
pub mod number;
pub mod rules;
pub mod saved;

pub use engine::{compute, Computation, NormResult, Status};
pub use inputs::{ErrorKind, InputError, Key};
pub use level::Level;
pub use rules::NORMS;
