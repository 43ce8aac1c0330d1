//! `roster sandbox serve` as a server: host names in --listen, and the host-root layout
//! (--vendor-ports) that the vendors' own SDKs expect.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Stdio};

use roster::sandbox::scim::SCIM_TEST_TOKEN;
use serde_json::Value;

use crate::common::{code, stderr, Env};

/// The vendors `sandbox serve` prints profiles for.
const VENDORS: [&str; 4] = ["paradigm", "bleemeo", "amani", "cradl"];

/// A running `roster sandbox serve`, killed when dropped.
pub(crate) struct Served {
    child: Child,
    /// Everything it printed up to the last profile block.
    pub(crate) text: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    pub(crate) fn start(env: &Env, args: &[&str]) -> Served {
        let mut child = env
            .std_command()
            .args(["sandbox", "serve"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let stdout = child.stdout.take().expect("stdout");
        let mut text = String::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("line");
            // The SCIM block is printed last and ends with its token.
            let done = line == format!("token = \"{SCIM_TEST_TOKEN}\"");
            text.push_str(&line);
            text.push('\n');
            if done {
                break;
            }
        }
        Served { child, text }
    }

    /// The printed profiles, parsed.
    pub(crate) fn profiles(&self) -> toml::Value {
        toml::from_str(&self.text).unwrap_or_else(|e| panic!("{e}: {}", self.text))
    }

    /// `http://HOST:PORT` from the `# roster sandbox listening on ...` line.
    pub(crate) fn root_url(&self) -> String {
        let line = self.text.lines().next().unwrap_or_default();
        let url = line
            .strip_prefix("# roster sandbox listening on ")
            .and_then(|rest| rest.split_whitespace().next());
        url.unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string()
    }
}

/// `GET url` over plain HTTP/1.1, the body parsed as JSON.
pub(crate) fn get_json(url: &str) -> Value {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let mut stream = std::net::TcpStream::connect(host).expect("connect");
    let request = format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let (_, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer}"))
}

#[test]
fn listen_accepts_a_host_name() {
    let env = Env::new();
    let served = Served::start(&env, &["--listen", "localhost:0"]);
    let root = served.root_url();
    let host = url::Url::parse(&root).expect("a URL");
    let loopback = match host.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    };
    assert!(loopback, "{root}");
    env.write_config(&served.text);
    let users = env.json(&["--profile", "paradigm", "users", "list"]);
    assert!(!users.as_array().expect("array").is_empty());
}

#[test]
fn malformed_listen_and_vendor_port_flags_are_usage_errors() {
    let env = Env::new();
    for args in [
        &["--listen", "localhost"][..],
        &["--listen", "::1:8787"],
        &["--listen", "127.0.0.1:70000"],
        &["--listen", "no-such-host.invalid:0"],
        &["--vendor-base-port", "9000"],
        &[
            "--listen",
            "127.0.0.1:0",
            "--vendor-ports",
            "--vendor-base-port",
            "65534",
        ],
        &["--max-connections", "0"],
        &["--read-timeout", "0"],
    ] {
        let out = env.run(&[&["sandbox", "serve"][..], args].concat());
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn roster_lists_every_vendor_through_the_host_root_layout() {
    let env = Env::new();
    let served = Served::start(
        &env,
        &[
            "--listen",
            "127.0.0.1:0",
            "--vendor-ports",
            "--seed-users",
            "120",
        ],
    );
    let profiles = served.profiles();
    let root = served.root_url();
    let mut ports = Vec::new();
    for vendor in VENDORS {
        let base = profiles["profiles"][vendor]["base_url"]
            .as_str()
            .unwrap_or_else(|| panic!("{vendor}: no base_url in {}", served.text));
        let url = url::Url::parse(base).expect("a URL");
        assert_eq!(url.path(), "/", "{vendor}: served at the root, {base}");
        assert!(!base.starts_with(&root), "{vendor} has a port of its own");
        ports.push(url.port());
    }
    ports.dedup();
    assert_eq!(ports.len(), VENDORS.len(), "one port each: {ports:?}");
    assert_eq!(
        profiles["profiles"]["cradl"]["auth_url"].as_str(),
        Some(
            format!(
                "{}/oauth2/token",
                profiles["profiles"]["cradl"]["base_url"].as_str().unwrap()
            )
            .as_str()
        )
    );
    env.write_config(&served.text);
    for vendor in VENDORS {
        // More users than one page of any vendor: `next` links must point at the root too.
        let users = env.json(&["--profile", vendor, "users", "list"]);
        let count = users.as_array().expect("array").len();
        assert!(count > 120, "{vendor}: {count} users");
    }
    // Each vendor port's requests count under that vendor's routes, none under `other`.
    let stats = get_json(&format!("{root}/_sandbox/stats"));
    let routes = stats["by_route"].as_object().expect("by_route");
    assert!(!routes.contains_key("other"), "{routes:?}");
    for vendor in VENDORS {
        let prefix = format!(" /{vendor}/");
        assert!(
            routes.keys().any(|k| k.contains(&prefix)),
            "{vendor}: {routes:?}"
        );
    }
}
