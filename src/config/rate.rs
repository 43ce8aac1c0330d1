//! `rate_limit = "10/s"`: a requests-per-time budget, bounded so pacing stays representable.

use crate::providers::RateLimit;

impl RateLimit {
    /// The slowest rate roster paces to: one request an hour.
    pub(crate) const MIN_PER_SECOND: f64 = 1.0 / 3600.0;
    /// The fastest: past this, pacing is meaningless and the vendor's 429s take over.
    pub(crate) const MAX_PER_SECOND: f64 = 10_000.0;

    /// Parse and bound a rate. The error says what is accepted, quoting at most a short prefix
    /// of the text (it may be huge).
    pub(crate) fn parse(text: &str) -> Result<RateLimit, String> {
        let shown = quote_short(text);
        let bad = || {
            format!(
                "{shown} is not a rate like \"10/s\", \"600/min\" or \"30/h\" \
                 (from 1/h to 10000/s)"
            )
        };
        let (n, unit) = text.trim().split_once('/').ok_or_else(bad)?;
        let n: f64 = n.trim().parse().map_err(|_| bad())?;
        let secs = match unit.trim() {
            "s" | "sec" | "second" => 1.0,
            "m" | "min" | "minute" => 60.0,
            "h" | "hour" => 3600.0,
            _ => return Err(bad()),
        };
        let per_second = n / secs;
        // NaN fails both comparisons, so it is refused too.
        let in_range = (Self::MIN_PER_SECOND * (1.0 - 1e-9)..=Self::MAX_PER_SECOND * (1.0 + 1e-9))
            .contains(&per_second);
        if !in_range {
            return Err(format!(
                "{shown} is out of range: a rate must be from 1/h to 10000/s"
            ));
        }
        Ok(RateLimit { per_second })
    }
}

/// `text` in backquotes, cut to a readable length.
pub(crate) fn quote_short(text: &str) -> String {
    const MAX: usize = 40;
    let escaped: String = text.chars().flat_map(char::escape_debug).collect();
    if escaped.chars().count() <= MAX {
        format!("`{escaped}`")
    } else {
        let head: String = escaped.chars().take(MAX).collect();
        format!("`{head}...` ({} bytes)", text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_parse_within_bounds() {
        assert_eq!(RateLimit::parse("10/s").unwrap().per_second, 10.0);
        assert_eq!(RateLimit::parse("120/min").unwrap().per_second, 2.0);
        assert_eq!(
            RateLimit::parse(" 1 / h ").unwrap().per_second,
            1.0 / 3600.0
        );
        assert_eq!(RateLimit::parse("10000/s").unwrap().per_second, 10_000.0);
        for bad in [
            "fast", "0/s", "-1/s", "1e-300/s", "1e300/s", "NaN/s", "inf/s", "-inf/s", "10001/s",
            "0.5/h", "10/d", "/s", "10/", "",
        ] {
            assert!(RateLimit::parse(bad).is_err(), "{bad}");
        }
        let huge = "9".repeat(100_000) + "/s";
        let e = RateLimit::parse(&huge).unwrap_err();
        assert!(e.len() < 200, "{e}");
    }
}
