//! Tests of the report exports on reports built by hand (see `fixtures`).

mod csv;
mod fixtures;
mod pdf;
mod timings;
mod xlsx;
