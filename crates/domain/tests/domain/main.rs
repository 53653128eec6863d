//! Integration tests of `cdesk-domain`, as one test binary (`cargo test -p cdesk-domain --test domain`).

mod calendar;
