//! Tests of the report exports on reports built by hand (see `fixtures`).

mod csv;
mod fixtures;
mod notice;
mod pdf;
mod timings;
mod xlsx;
