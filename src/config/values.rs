//! Checks on the values a profile holds: URLs, control characters, and header-safe text.

/// The first control character in `text`, if any (C0, DEL and C1).
pub(super) fn control_char(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control())
}

/// Why `text` cannot go where it is headed, or `None` when it can. `header`: the value is sent
/// in an HTTP header, which takes visible ASCII and spaces only.
pub(super) fn value_problem(text: &str, header: bool) -> Option<String> {
    if let Some(c) = control_char(text) {
        return Some(format!(
            "holds a control character (U+{:04X}); a stray newline or carriage return? \
             It cannot be sent",
            c as u32
        ));
    }
    if header {
        if let Some(c) = text.chars().find(|c| !(' '..='~').contains(c)) {
            return Some(format!(
                "holds `{c}` (U+{:04X}); it is sent in an HTTP header, which takes plain ASCII only",
                c as u32
            ));
        }
    }
    None
}

/// A URL as messages show it: any `user:password@` replaced, so a secret put there by mistake
/// is not echoed back.
pub(super) fn shown_url(text: &str) -> String {
    let cleaned: String = text.chars().flat_map(char::escape_debug).collect();
    let Some(start) = cleaned.find("://").map(|i| i + 3) else {
        return cleaned;
    };
    let rest = &cleaned[start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}[redacted]{}", &cleaned[..start], &rest[at..]),
        None => cleaned,
    }
}

/// A URL roster sends credentials to (`base_url`, Cradl's `auth_url`): https, or http only to
/// this machine unless the profile opts in; no credentials, query, fragment, spaces or control
/// characters. Returns it without a trailing slash.
pub(super) fn check_url(text: &str, allow_insecure_http: bool) -> Result<String, String> {
    let shown = shown_url(text);
    // The URL parser silently drops tabs and newlines; a value holding them is a mistake.
    if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!(
            "`{shown}` holds a space or a control character; write the URL on its own"
        ));
    }
    let url = url::Url::parse(text).map_err(|e| format!("`{shown}` is not a URL: {e}"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "`{shown}` holds a user name or password; put credentials in the profile's secret \
             fields (e.g. password_env, token_env), never in a URL"
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "`{shown}` uses http:// to a host that is not this machine; secrets would travel \
                 in clear. Use https://, or set allow_insecure_http = true in this profile"
            ))
        }
        other => return Err(format!("scheme `{other}` is not supported; use https://")),
    }
    if url.host().is_none() {
        return Err(format!("`{shown}` has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("must not have a query or fragment".into());
    }
    Ok(text.trim_end_matches('/').to_string())
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_with_credentials_are_refused_without_echoing_them() {
        let e = check_url("https://ada:hunter2@paradigm.example.com/x", false).unwrap_err();
        assert!(e.contains("secret fields"), "{e}");
        assert!(!e.contains("hunter2") && !e.contains("ada"), "{e}");
        assert!(
            e.contains("https://[redacted]@paradigm.example.com/x"),
            "{e}"
        );
        assert!(check_url("https://user@h.example", false).is_err());
    }

    #[test]
    fn control_characters_and_spaces_are_refused() {
        for bad in [
            "https://h.example/\r\nX-Evil: 1",
            "https://h.exa\tmple",
            "https://h.example/a b",
            "\nhttps://h.example",
        ] {
            let e = check_url(bad, false).unwrap_err();
            assert!(!e.contains('\n') && !e.contains('\r'), "{e}");
        }
    }

    #[test]
    fn http_only_to_loopback_unless_opted_in() {
        assert!(check_url("http://127.0.0.1:9/x/", false).unwrap() == "http://127.0.0.1:9/x");
        assert!(check_url("http://[::1]/", false).is_ok());
        assert!(check_url("http://LOCALHOST:1", false).is_ok());
        assert!(check_url("http://auth.example.com", false).is_err());
        assert!(check_url("http://auth.example.com", true).is_ok());
        assert!(check_url("ftp://h.example", true).is_err());
        assert!(check_url("https://h.example/?a=1", false).is_err());
    }

    #[test]
    fn header_values_must_be_plain_ascii() {
        assert!(value_problem("abc-123", true).is_none());
        assert!(value_problem("ab\u{7f}", false).is_some());
        assert!(value_problem("ab\u{85}", false).is_some());
        assert!(value_problem("clé", false).is_none());
        assert!(value_problem("clé", true).is_some());
    }
}
