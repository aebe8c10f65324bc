//! 民政规划指标测算器 — the Civil Affairs Targets Calculator.
//!
//! Turns a locality's population figures into the staffing, facility, land and money targets of the
//! Liaoning Province Civil Affairs 14th Five-Year Plan (2021–2025), exactly (`rust_decimal`), with
//! the plan's own words behind each number. Data flows one way:
//! typed text → `inputs` → `engine` (evaluating the `rules` records) → results → `web` / `batch`.
//!
//! Strings are sliced with `str::get` (or `split_at_checked`), never `&s[a..b]`, and searched for
//! characters or bytes, never for substrings (`str::find("…")`, `split("…")`, `replace("…", …)`): an
//! index's panic path for a position inside a character and core's substring searcher cost 9.3 kB of
//! the page's wasm module and 9.6 kB of the batch module (the panic message's formatting, with char's
//! Debug and its Unicode tables; Two-Way search). Every position sliced at is a character boundary by
//! construction (found by a search, `char_indices`, or in ASCII text), so `get` never fails there.
//! `bash scripts/size-profile.sh` tells whether either has come back.

pub mod engine;
pub mod format;
pub mod formula;
pub mod fragment;
pub mod inputs;
pub mod number;
pub mod rules;
pub mod saved;

#[cfg(feature = "batch")]
pub mod batch;
#[cfg(all(target_arch = "wasm32", feature = "batch"))]
pub mod web_batch;

#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;

pub use engine::{compute, Computation, NormResult, Status};
pub use rules::NORMS;
