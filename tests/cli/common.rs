//! The hermetic test environment: a temp HOME, a config file, and a sandbox on 127.0.0.1.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use roster::sandbox::{RunningSandbox, Sandbox, SandboxOptions, SandboxState};
use serde_json::Value;

pub struct Env {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub sandbox: Sandbox,
    running: Option<RunningSandbox>,
    // Declared last: dropped after the server handle.
    rt: tokio::runtime::Runtime,
}

impl Env {
    /// A seeded sandbox and a config holding its built-in profiles.
    pub fn new() -> Env {
        Env::with_options(SandboxOptions::default())
    }

    pub fn with_options(options: SandboxOptions) -> Env {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let sandbox = Sandbox::new(SandboxState::seed(), options);
        let running = rt
            .block_on(sandbox.start(([127, 0, 0, 1], 0).into()))
            .expect("sandbox starts");
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("config.toml");
        write_private(&config, &running.profiles_toml());
        Env {
            dir,
            config,
            sandbox,
            running: Some(running),
            rt,
        }
    }

    pub fn base_url(&self, vendor: &str) -> String {
        self.running
            .as_ref()
            .map(|r| r.base_url(vendor))
            .unwrap_or_default()
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Replace the config file's text.
    pub fn write_config(&self, text: &str) {
        write_private(&self.config, text);
    }

    /// `roster` with a cleared environment: only PATH, a temp HOME and XDG dirs, the config.
    pub fn roster(&self) -> Command {
        Command::from_std(self.std_command())
    }

    /// The same, as a plain `std::process::Command` (for streaming stdout).
    pub fn std_command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("roster"));
        let home = self.home();
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("xdg-config"))
            .env("XDG_DATA_HOME", home.join("xdg-data"))
            .env("XDG_CACHE_HOME", home.join("xdg-cache"))
            .env("ROSTER_CONFIG", &self.config)
            .env("ROSTER_SANDBOX_STATE", home.join("sandbox-state.json"))
            .env("NO_COLOR", "1");
        cmd
    }

    /// Run with args, expect exit 0, parse stdout as JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self
            .roster()
            .args(args)
            .args(["-o", "json"])
            .output()
            .expect("runs");
        assert_success(&out, args);
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: stdout is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Run with args and return the output, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.roster().args(args).output().expect("runs")
    }

    /// Emails of every user the profile lists.
    pub fn emails(&self, profile: &str) -> Vec<String> {
        self.json(&["--profile", profile, "users", "list"])
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|u| u["email"].as_str().map(str::to_string))
            .collect()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(r) = self.running.take() {
            self.rt.block_on(r.shutdown());
        }
    }
}

/// A config file as a careful admin keeps it: readable by its owner only.
fn write_private(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write config");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .expect("chmod config");
    }
}

pub fn assert_success(out: &Output, args: &[&str]) {
    assert!(
        out.status.success(),
        "{args:?} failed with {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file below `dir`, for checking what roster wrote.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    entries
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                files_under(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}
