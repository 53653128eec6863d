//! Instants in messages as people read them: a refusal that names "2026-11-02T20:00:00+00:00"
//! says "Mon 2 Nov 2026 15:00 EST" instead, in the program's time zone. The domain writes its
//! messages without knowing the zone; the use cases, which do, put them in it here.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::ErrorBody;

/// `e` with every RFC 3339 instant in its message written in `tz`.
pub(crate) fn in_zone(mut e: ErrorBody, tz: Tz) -> ErrorBody {
    e.message = instants_in(&e.message, tz);
    e
}

/// `text` with every RFC 3339 instant (`2026-11-02T20:00:00Z`, `...+00:00`, with or without a
/// fraction) written as a day and time in `tz`; anything else is left as it is.
pub(crate) fn instants_in(text: &str, tz: Tz) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, len, at)) = next_instant(rest) {
        out.push_str(&rest[..start]);
        out.push_str(&at.with_timezone(&tz).format("%a %-d %b %Y %H:%M %Z").to_string());
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// The first instant in `s`: where it starts, how long it is, and what it says.
fn next_instant(s: &str) -> Option<(usize, usize, DateTime<Utc>)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i + 20 <= bytes.len() {
        if bytes[i].is_ascii_digit() && bytes.get(i + 10) == Some(&b'T') && bytes.get(i + 4) == Some(&b'-') {
            // The longest candidate first: date, time, a fraction, then Z or an offset.
            let mut end = i + 19;
            if bytes.get(end) == Some(&b'.') {
                end += 1;
                while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
            }
            let zone_len = match bytes.get(end) {
                Some(b'Z') => 1,
                Some(b'+' | b'-') => 6,
                _ => 0,
            };
            if zone_len > 0 && end + zone_len <= bytes.len() {
                if let Ok(at) = DateTime::parse_from_rfc3339(&s[i..end + zone_len]) {
                    return Some((i, end + zone_len - i, at.with_timezone(&Utc)));
                }
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_in_messages_are_written_in_the_program_zone() {
        let ny = chrono_tz::America::New_York;
        assert_eq!(
            instants_in("CMP-1 was already acknowledged on 2026-11-02T20:00:00+00:00", ny),
            "CMP-1 was already acknowledged on Mon 2 Nov 2026 15:00 EST"
        );
        assert_eq!(instants_in("between 2026-07-01T12:30:00Z and 2026-07-02T00:00:00.250Z.", ny), "between Wed 1 Jul 2026 08:30 EDT and Wed 1 Jul 2026 20:00 EDT.");
        let plain = "no instant here: 2026-11-02, CMP-2026-00001, 12:00";
        assert_eq!(instants_in(plain, ny), plain);
        assert_eq!(instants_in("Stripe: 2026-11-02T20:00:00+09:00", chrono_tz::Asia::Tokyo), "Stripe: Mon 2 Nov 2026 20:00 JST");
    }
}
