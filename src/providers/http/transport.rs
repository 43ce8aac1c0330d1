//! Why a request got no answer at all (refused, DNS, TLS, timeout, dropped), told apart and
//! naming the host, so the person knows whether to fix a URL, a certificate or wait.

use std::time::Duration;

use super::request::Request;
use crate::providers::ProviderError;

/// How long connecting may take; the request's own timeout covers the rest.
pub(super) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What went wrong below HTTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Failure {
    /// Nothing listens at that host and port.
    Refused,
    /// The host name does not resolve.
    Dns(String),
    /// TCP connected, TLS did not: not https there, or a certificate not trusted.
    Tls(String),
    /// No answer in time; `connecting` when not even TCP finished.
    Timeout {
        connecting: bool,
    },
    /// The connection closed before an answer came.
    Closed,
    /// Connecting failed another way (network unreachable, ...).
    Connect(String),
    Other(String),
}

/// One link of an error's source chain: its text and, for I/O errors, their kind.
pub(super) type Link = (String, Option<std::io::ErrorKind>);

impl Failure {
    pub(super) fn of(e: &reqwest::Error) -> Failure {
        let mut chain = Vec::new();
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
        while let Some(c) = cause {
            let kind = c.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
            chain.push((c.to_string(), kind));
            cause = c.source();
        }
        Failure::classify(e.is_timeout(), e.is_connect(), &chain)
    }

    /// The rules, on reqwest's flags and the error chain hyper and rustls build (checked
    /// against real failures in the tests).
    pub(super) fn classify(timeout: bool, connect: bool, chain: &[Link]) -> Failure {
        use std::io::ErrorKind as K;
        let has_text = |t: &str| chain.iter().any(|(m, _)| m == t);
        let has_kind = |k: K| chain.iter().any(|(_, kind)| *kind == Some(k));
        // The innermost cause says the most ("Name or service not known").
        let last = chain.last().map(|(m, _)| m.clone()).unwrap_or_default();
        if timeout || has_kind(K::TimedOut) {
            Failure::Timeout {
                connecting: connect,
            }
        } else if has_kind(K::ConnectionRefused) {
            Failure::Refused
        } else if has_text("dns error") {
            Failure::Dns(last)
        } else if connect && has_text("tcp connect error") {
            Failure::Connect(last)
        } else if connect {
            // hyper reports TLS failures as connect errors with rustls's words and no TCP
            // or DNS link.
            Failure::Tls(last)
        } else if has_kind(K::ConnectionReset)
            || has_kind(K::ConnectionAborted)
            || has_kind(K::UnexpectedEof)
            || has_kind(K::BrokenPipe)
            || chain
                .iter()
                .any(|(m, _)| m.contains("connection closed") || m.contains("IncompleteMessage"))
        {
            Failure::Closed
        } else {
            let all: Vec<&str> = chain.iter().map(|(m, _)| m.as_str()).collect();
            Failure::Other(all.join(": "))
        }
    }

    /// Worth sending again if the request is safe to repeat, or if it never left this machine.
    pub(super) fn never_sent(&self) -> bool {
        matches!(
            self,
            Failure::Refused | Failure::Dns(_) | Failure::Tls(_) | Failure::Connect(_)
        ) || matches!(self, Failure::Timeout { connecting: true })
    }

    /// A short outcome for the `-v` log.
    pub(super) fn describe(&self, req: &Request) -> String {
        let host = host_and_port(&req.url);
        match self {
            Failure::Refused => format!("connection refused by {host}"),
            Failure::Dns(why) => format!("cannot resolve host {} ({why})", host_only(&req.url)),
            Failure::Tls(why) => format!("TLS handshake with {host} failed: {why}"),
            Failure::Timeout { connecting: true } => format!(
                "connecting to {host} timed out after {} s",
                CONNECT_TIMEOUT.as_secs()
            ),
            Failure::Timeout { connecting: false } => {
                format!("{host} timed out after {} s", req.timeout.as_secs().max(1))
            }
            Failure::Closed => format!("{host} closed the connection without answering"),
            Failure::Connect(why) => format!("cannot connect to {host}: {why}"),
            Failure::Other(why) => why.clone(),
        }
    }

    /// The error once retries are spent: a timeout may pass (75), the others need a fix.
    pub(super) fn into_error(self, req: &Request, attempts: u32) -> ProviderError {
        let message = format!(
            "{} ({} {}, {attempts} attempt{})",
            self.describe(req),
            req.method,
            req.display_url(),
            if attempts == 1 { "" } else { "s" }
        );
        let message = crate::redact::cut(&message);
        let hint = match self {
            Failure::Timeout { .. } => return ProviderError::Unavailable { message },
            Failure::Refused | Failure::Connect(_) => {
                "nothing answers at that address: check the profile's base_url (host and \
                 port) and that the service is up"
            }
            Failure::Dns(_) => "check the host name in the profile's base_url",
            Failure::Tls(_) => {
                "the server does not speak https there, or its certificate is not trusted: \
                 check the profile's base_url"
            }
            Failure::Closed | Failure::Other(_) => "",
        };
        ProviderError::Network {
            message,
            hint: (!hint.is_empty()).then_some(hint),
        }
    }
}

/// `host:port` of a URL, the port filled in from the scheme.
fn host_and_port(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => match (u.host_str(), u.port_or_known_default()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => url.to_string(),
        },
        Err(_) => url.to_string(),
    }
}

fn host_only(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::Method;

    fn req(url: &str) -> Request {
        Request::new(Method::GET, url, Duration::from_secs(3))
    }

    /// Real failures, each produced on this machine without any network.
    #[tokio::test]
    async fn real_failures_are_told_apart() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let refused_port = closed.local_addr().unwrap().port();
        drop(closed);
        // Accepts and never answers: a timeout.
        let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let silent_port = silent.local_addr().unwrap().port();
        // Answers plain text to a TLS hello.
        let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let plain_port = plain.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for mut s in plain.incoming().flatten() {
                use std::io::Write;
                let _ = s.write_all(b"HTTP/1.1 200 OK\r\n\r\nthis is not TLS, not at all\r\n");
            }
        });
        let client = reqwest::Client::new();
        let cases = [
            (
                format!("http://127.0.0.1:{refused_port}/x"),
                "connection refused by 127.0.0.1:",
            ),
            (
                format!("http://127.0.0.1:{silent_port}/x"),
                " timed out after 1 s",
            ),
            (
                format!("https://127.0.0.1:{plain_port}/x"),
                "TLS handshake with 127.0.0.1:",
            ),
            (
                "https://roster-test.invalid/x".to_string(),
                "cannot resolve host roster-test.invalid",
            ),
        ];
        for (url, expected) in cases {
            let e = client
                .get(&url)
                .timeout(Duration::from_secs(1))
                .send()
                .await
                .unwrap_err();
            let r = Request::new(Method::GET, &url, Duration::from_secs(1));
            let said = Failure::of(&e).describe(&r);
            assert!(said.contains(expected), "{url}: {said}");
        }
        drop(silent);
    }

    #[test]
    fn chains_classify() {
        use std::io::ErrorKind as K;
        let link = |m: &str, k: Option<K>| (m.to_string(), k);
        assert_eq!(
            Failure::classify(
                false,
                true,
                &[
                    link("tcp connect error", None),
                    link("Connection refused", Some(K::ConnectionRefused))
                ]
            ),
            Failure::Refused
        );
        assert_eq!(
            Failure::classify(
                false,
                true,
                &[
                    link("dns error", None),
                    link("no such host", Some(K::Other))
                ]
            ),
            Failure::Dns("no such host".into())
        );
        assert_eq!(
            Failure::classify(
                false,
                true,
                &[
                    link("client error (Connect)", None),
                    link(
                        "invalid peer certificate: UnknownIssuer",
                        Some(K::InvalidData)
                    )
                ]
            ),
            Failure::Tls("invalid peer certificate: UnknownIssuer".into())
        );
        assert_eq!(
            Failure::classify(
                false,
                false,
                &[link("connection closed before message completed", None)]
            ),
            Failure::Closed
        );
        assert_eq!(
            Failure::classify(true, false, &[link("operation timed out", None)]),
            Failure::Timeout { connecting: false }
        );
    }

    #[test]
    fn messages_name_the_host_and_port() {
        let r = req("https://api.example.com/v1/users");
        assert_eq!(
            Failure::Refused.describe(&r),
            "connection refused by api.example.com:443"
        );
        assert_eq!(
            Failure::Timeout { connecting: false }.describe(&r),
            "api.example.com:443 timed out after 3 s"
        );
        let e = Failure::Refused.into_error(&r, 4);
        assert!(
            e.to_string()
                .contains("(GET https://api.example.com/v1/users, 4 attempts)"),
            "{e}"
        );
        assert!(matches!(
            Failure::Timeout { connecting: false }.into_error(&r, 1),
            ProviderError::Unavailable { .. }
        ));
        assert!(Failure::Refused.never_sent() && !Failure::Closed.never_sent());
    }
}
