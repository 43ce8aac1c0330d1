//! The vendors' official SDKs run their sessions against `sandbox serve --vendor-ports`, and
//! roster runs the same sessions against the same sandbox: each sees the same users.
//!
//! The SDKs are Python packages pinned in `.ci/run`, which installs them into the venv
//! `target/py-venv` and exports `ROSTER_PYTHON`. Their session scripts are in `tests/sdk/`; the
//! one place where an SDK is helped past what the sandbox cannot offer (Cradl's public TLS token
//! host) is the shim documented at the top of `tests/sdk/cradl_session.py`. Bleemeo's session
//! is in `bleemeo.rs`, Cradl's in `cradl.rs`.

mod bleemeo;
mod cradl;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::Env;
use crate::sandbox_server::{get_json, Served};

/// Users `sandbox serve` adds to each vendor's seed: past several pages of any client.
const SEED_USERS: &str = "300";
/// The page size both sides ask for (roster's own), so each walks more than three pages.
const PAGE_SIZE: u64 = 100;
/// Not a timing check: a session takes seconds, and one still running after this is stuck
/// (a test that hung would stall CI instead of failing).
const SCRIPT_DEADLINE: Duration = Duration::from_secs(600);

/// `CI` set to anything but empty, `0` or `false`.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// The Python that has `package` at `version`: `ROSTER_PYTHON`, else the venv `.ci/run` makes.
/// `None`, and the test says it is skipped, on a machine with neither; in CI, or when
/// `ROSTER_PYTHON` names a Python without that package, the test fails instead.
fn python(package: &str, version: &str) -> Option<PathBuf> {
    let given = std::env::var_os("ROSTER_PYTHON").map(PathBuf::from);
    let strict = given.is_some() || in_ci();
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/py-venv/bin/python");
    let problem = match given.or_else(|| venv.exists().then_some(venv)) {
        None => "no Python venv at target/py-venv and no ROSTER_PYTHON".to_string(),
        Some(python) => match installed(&python, package) {
            Ok(v) if v == version => return Some(python),
            Ok(v) => format!("{} has {package} {v}", python.display()),
            Err(e) => format!("{}: {e}", python.display()),
        },
    };
    assert!(
        !strict,
        "the SDK tests must run here, but {problem}: run .ci/run, which installs \
         {package}=={version} into target/py-venv and exports ROSTER_PYTHON"
    );
    eprintln!(
        "skipped: {problem} (run .ci/run to install {package}=={version} into target/py-venv)"
    );
    None
}

/// The version of `package` that `python` imports.
fn installed(python: &Path, package: &str) -> Result<String, String> {
    let probe = "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))";
    let out = Command::new(python)
        .args(["-c", probe, package])
        .env_clear()
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run it ({e})"))?;
    if !out.status.success() {
        return Err(format!("it has no {package}"));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Run `tests/sdk/<script>` with `input` as its one argument, in a cleared environment with a
/// temp HOME (no proxy, no user site, nothing of the real home); its stdout parsed as JSON.
fn run_script(python: &Path, script: &str, input: &Value) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let (out_path, err_path) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sdk")
        .join(script);
    let mut child = Command::new(python)
        .arg(&path)
        .arg(input.to_string())
        .env_clear()
        .env("HOME", dir.path())
        .env("PYTHONNOUSERSITE", "1")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        // Files, not pipes: a listing of hundreds of users would fill a pipe nobody reads yet.
        .stdout(File::create(&out_path).expect("stdout file"))
        .stderr(File::create(&err_path).expect("stderr file"))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let started = Instant::now();
    let (status, stuck) = loop {
        if let Some(status) = child.try_wait().expect("wait for the script") {
            break (status, false);
        }
        if started.elapsed() > SCRIPT_DEADLINE {
            let _ = child.kill();
            break (child.wait().expect("wait for the killed script"), true);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let why = if stuck {
        "was stuck and killed"
    } else {
        "failed"
    };
    assert!(
        status.success(),
        "{script} {why} ({status}):\n{stderr}\nstdout: {stdout}"
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{script} printed no JSON ({e}):\n{stdout}\n{stderr}"))
}

/// `roster sandbox serve` in the host-root layout on free ports, with many users, and the
/// test's config holding the profiles it printed.
fn serve(env: &Env, extra: &[&str]) -> Served {
    let args = [
        &[
            "--listen",
            "127.0.0.1:0",
            // With --listen on port 0, every vendor gets a free port of its own too.
            "--vendor-ports",
            "--seed-users",
            SEED_USERS,
        ][..],
        extra,
    ]
    .concat();
    let served = Served::start(env, &args);
    env.write_config(&served.text);
    served
}

/// The printed `[profiles.<vendor>]` block, as JSON for a script.
fn profile(served: &Served, vendor: &str) -> Value {
    let block = &served.profiles()["profiles"][vendor];
    serde_json::to_value(block).expect("a profile block is JSON")
}

/// Requests the sandbox counted under `route` (`GET /bleemeo/v1/user/`) so far.
fn requests(served: &Served, route: &str) -> u64 {
    let stats = get_json(&format!("{}/_sandbox/stats", served.root_url()));
    stats["by_route"][route].as_u64().unwrap_or(0)
}

/// The sandbox's whole state, as `GET /_sandbox/state` shows it.
fn state(served: &Served) -> Value {
    get_json(&format!("{}/_sandbox/state", served.root_url()))
}

/// Objects keyed by their `key` field, each trimmed to `fields`; two ids alike fail the test.
fn by_id(items: &Value, key: &str, fields: &[&str]) -> BTreeMap<String, Value> {
    let items = items.as_array().expect("a list");
    let keyed: BTreeMap<String, Value> = items
        .iter()
        .map(|item| {
            let id = item[key].as_str().expect("an id").to_string();
            let kept = fields
                .iter()
                .map(|f| (f.to_string(), item[*f].clone()))
                .collect();
            (id, Value::Object(kept))
        })
        .collect();
    assert_eq!(keyed.len(), items.len(), "ids are unique");
    keyed
}

/// At least this many pages of `size` hold `count` items.
fn pages(count: usize, size: u64) -> u64 {
    u64::try_from(count).expect("a count").div_ceil(size)
}
