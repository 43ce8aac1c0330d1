//! `sandbox serve --listen HOST:PORT`: an address or a host name, resolved when serving starts.

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use crate::error::{Error, Result};

/// What `--listen` was given: `127.0.0.1:8787`, `[::1]:8787` or `localhost:8787`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListenAddr {
    host: String,
    port: u16,
}

impl ListenAddr {
    /// The clap parser: `HOST:PORT`, with an IPv6 address in brackets.
    pub(crate) fn parse(text: &str) -> std::result::Result<ListenAddr, String> {
        if let Ok(addr) = text.parse::<SocketAddr>() {
            return Ok(ListenAddr {
                host: addr.ip().to_string(),
                port: addr.port(),
            });
        }
        let expected = "expected HOST:PORT, such as 127.0.0.1:8787 or localhost:8787";
        let (host, port) = text.rsplit_once(':').ok_or(expected)?;
        let port = port
            .parse::<u16>()
            .map_err(|_| format!("`{port}` is not a port (0 to 65535); {expected}"))?;
        // `::1:8787` is itself an IPv6 address: without brackets there is no telling the port.
        if host.contains(':') {
            return Err("put an IPv6 address in brackets, such as [::1]:8787".to_string());
        }
        if host.parse::<IpAddr>().is_ok() {
            return Ok(ListenAddr {
                host: host.to_string(),
                port,
            });
        }
        let name_chars = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
        if host.is_empty() || !host.chars().all(name_chars) {
            return Err(format!(
                "`{host}` is not a host name or IP address; {expected}"
            ));
        }
        Ok(ListenAddr {
            host: host.to_string(),
            port,
        })
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// The addresses to try, IPv4 first: `localhost` often resolves to `::1` as well, and the
    /// clients roster's profiles name most often expect `127.0.0.1`.
    pub(crate) async fn resolve(&self) -> Result<Vec<SocketAddr>> {
        let unresolved = || {
            Error::usage(format!("--listen: cannot resolve the host `{}`", self.host))
                .with_hint("give an IP address, such as --listen 127.0.0.1:8787")
        };
        let found = tokio::net::lookup_host((self.host.as_str(), self.port))
            .await
            .map_err(|e| unresolved().with_source(e))?;
        let mut addrs: Vec<SocketAddr> = found.collect();
        if addrs.is_empty() {
            return Err(unresolved());
        }
        addrs.sort_by_key(|a| a.is_ipv6());
        addrs.dedup();
        Ok(addrs)
    }
}

impl fmt::Display for ListenAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (String, u16) {
        let addr = ListenAddr::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        (addr.host, addr.port)
    }

    #[test]
    fn addresses_and_host_names_are_accepted() {
        assert_eq!(parsed("127.0.0.1:8787"), ("127.0.0.1".into(), 8787));
        assert_eq!(parsed("[::1]:0"), ("::1".into(), 0));
        assert_eq!(parsed("localhost:8787"), ("localhost".into(), 8787));
        assert_eq!(
            parsed("sandbox.internal:80"),
            ("sandbox.internal".into(), 80)
        );
        assert_eq!(ListenAddr::parse("[::1]:9").unwrap().to_string(), "[::1]:9");
    }

    #[test]
    fn malformed_addresses_say_what_is_expected() {
        for bad in [
            "localhost",
            "localhost:",
            "localhost:65536",
            "localhost:-1",
            ":8787",
            "::1:8787",
            "a b:1",
            "a/b:1",
        ] {
            let err = ListenAddr::parse(bad).err();
            assert!(err.is_some(), "{bad} accepted");
        }
    }

    #[tokio::test]
    async fn localhost_resolves_to_loopback_ipv4_first() {
        let addrs = ListenAddr::parse("localhost:8787")
            .unwrap()
            .resolve()
            .await
            .unwrap();
        assert!(addrs
            .iter()
            .all(|a| a.ip().is_loopback() && a.port() == 8787));
        if addrs.iter().any(SocketAddr::is_ipv4) {
            assert!(addrs[0].is_ipv4(), "{addrs:?}");
        }
    }
}
