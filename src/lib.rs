//! 民政规划指标测算器 — the Civil Affairs Targets Calculator.
//!
//! Turns a locality's population figures into the staffing, facility, land and money targets of the
//! Liaoning Province Civil Affairs 14th Five-Year Plan (2021–2025), exactly (`rust_decimal`), with
//! the plan's own words behind each number. Data flows one way:
//! typed text → `inputs` → `engine` (evaluating the `rules` records) → results → `web` / `batch`.

pub mod engine;
pub mod format;
pub mod formula;
pub mod fragment;
pub mod inputs;
pub mod number;
pub mod rules;

#[cfg(feature = "batch")]
pub mod batch;
#[cfg(all(target_arch = "wasm32", feature = "batch"))]
pub mod web_batch;

#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;

pub use engine::{compute, Computation, NormResult, Status};
pub use rules::NORMS;
