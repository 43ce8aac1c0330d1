//! What a command needs: resolved profiles, the one HTTP client, output settings, the prompter.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::audit::{self, AuditedProvider, Recorder, Trail};
use crate::config::{config_path, Config, Profile, RateLimit};
use crate::error::{Error, ErrorKind, Result};
use crate::output::{ColorChoice, Output, OutputFormat};
use crate::prompt::{Prompter, TerminalPrompter};
use crate::providers::{self, HttpClient, Provider, ProviderError};
use crate::sandbox;
use crate::terminal::Terminal;

/// The global flags as a command sees them, whoever parsed them (clap's `GlobalArgs` in `cli.rs`).
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Profiles to act on; empty for the default one.
    pub(crate) profile: Vec<String>,
    /// The config file, when not the platform default.
    pub(crate) config: Option<PathBuf>,
    pub(crate) output: OutputFormat,
    pub(crate) no_input: bool,
    pub(crate) yes: bool,
    pub(crate) dry_run: bool,
    pub(crate) verbose: u8,
    pub(crate) quiet: bool,
    pub(crate) color: ColorChoice,
    pub(crate) sandbox: bool,
    /// `--fields`: the fields to print, comma-separated.
    pub(crate) fields: Option<String>,
    /// `--jq`: a jq filter over the JSON output.
    pub(crate) jq: Option<String>,
}

pub(crate) struct Context {
    pub(crate) settings: Settings,
    pub(crate) out: Output,
    /// What stdin/stdout/stderr are, colour and `--quiet`: warnings, progress, prompts ask it.
    pub(crate) terminal: Terminal,
    pub(crate) http: HttpClient,
    pub(crate) prompter: Box<dyn Prompter>,
    /// A person can answer prompts.
    pub(crate) interactive: bool,
    /// Why nobody can, when nobody can (see [`Context::why_no_prompt`]).
    no_prompt: Option<&'static str>,
    config: Option<Config>,
    sandbox: Option<SandboxSession>,
    /// Targets ignore cached tokens (see [`Context::log_in_afresh`]).
    fresh_login: bool,
    /// The audit log every target's writes go to, made with the first target.
    audit: OnceLock<Arc<Trail>>,
    /// The command the audit lines name, and whether it writes (see [`Context::audit_as`]).
    audit_command: (&'static str, bool),
}

/// The in-process sandbox behind `--sandbox`, with the locked state file it saves to.
struct SandboxSession {
    sandbox: sandbox::Sandbox,
    running: sandbox::RunningSandbox,
    store: sandbox::store::StateFile,
}

/// How a profile's requests are spaced out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pacing {
    /// Only when the profile sets `rate_limit`: single commands rely on `Retry-After`.
    IfConfigured,
    /// Bulk work: the profile's `rate_limit`, else the vendor's documented rate, else a
    /// conservative default.
    Bulk,
}

/// Where a vendor publishes no rate, bulk work sends at most this many requests a second.
const DEFAULT_BULK_RATE: RateLimit = RateLimit { per_second: 10.0 };

/// One profile with its client: what most commands act on.
pub(crate) struct Target {
    pub(crate) profile: Profile,
    /// The vendor's client, recording each write in the audit log.
    pub(crate) provider: Box<dyn Provider>,
    /// For lines that settle a write whose outcome was unknown, after a look-up.
    pub(crate) audit: Recorder,
}

impl Target {
    /// Turns a vendor error into the user-facing one, naming this profile in the hint.
    pub(crate) fn err(&self) -> impl Fn(ProviderError) -> Error + '_ {
        move |e| Error::from_provider(e, &self.profile.name)
    }
}

impl Context {
    /// Build the context; with `--sandbox`, start the in-process sandbox first.
    pub(crate) async fn new(global: Settings) -> Result<Context> {
        let terminal = Terminal::new(global.color, global.quiet);
        let shape = crate::output::Shape::new(global.fields.as_deref(), global.jq.as_deref())?;
        let out = Output::new(global.output, &terminal).with_shape(shape);
        let http = HttpClient::with_verbosity(global.verbose, global.dry_run)?;
        http.set_quiet(global.quiet);
        let interactive = terminal.can_prompt(global.no_input);
        let no_prompt = if interactive {
            None
        } else {
            Some(no_prompt_reason(&terminal, global.no_input))
        };
        let sandbox = if global.sandbox {
            Some(start_sandbox().await?)
        } else {
            None
        };
        Ok(Context {
            settings: global,
            out,
            terminal,
            http,
            prompter: Box::new(TerminalPrompter),
            interactive,
            no_prompt,
            config: None,
            sandbox,
            fresh_login: false,
            audit: OnceLock::new(),
            audit_command: ("", false),
        })
    }

    /// The config: the built-in sandbox profiles under `--sandbox`, else the file.
    pub(crate) fn config(&mut self) -> Result<&Config> {
        if self.config.is_none() {
            let config = match &self.sandbox {
                Some(s) => Config::parse(&s.running.profiles_toml(), "built-in sandbox profiles")?,
                None => {
                    let path = config_path(self.settings.config.as_deref()).ok_or_else(|| {
                        Error::new(
                            ErrorKind::Config,
                            "cannot find a home directory for the config file; pass --config",
                        )
                    })?;
                    Config::load(&path)?
                }
            };
            for w in &config.warnings {
                self.out.warn(w);
            }
            self.config = Some(config);
        }
        self.config
            .as_ref()
            .ok_or_else(|| Error::failure("config not loaded"))
    }

    /// The one profile this command acts on, secrets resolved, with its client.
    pub(crate) fn target(&mut self) -> Result<Target> {
        let names = self.settings.profile.clone();
        // `all` is every profile (see `crate::across`), never a profile's own name.
        if names.len() > 1 || names.iter().any(|n| n == "all") {
            return Err(Error::usage(format!(
                "this command acts on one profile; got {}",
                names.join(", ")
            ))
            .with_hint(
                "pass a single --profile; `all` and lists work for reads: users list, get \
                 and find, groups list, people",
            ));
        }
        self.targets(Pacing::IfConfigured)?
            .pop()
            .ok_or_else(|| Error::usage("no profile selected"))
    }

    /// Every profile named by `--profile` (or the default one), each with its client.
    pub(crate) fn targets(&mut self, pacing: Pacing) -> Result<Vec<Target>> {
        let names = self.chosen_profiles()?;
        let http = self.http.clone();
        let fresh_login = self.fresh_login;
        self.config()?;
        let trail = self.trail()?;
        let config = self.config()?;
        let mut targets = Vec::new();
        for spec in config.select(&names)? {
            let mut profile = spec.resolve(&config.source)?;
            profile.fresh_login = fresh_login;
            targets.push(build_target(&http, profile, pacing, &trail)?);
        }
        Ok(targets)
    }

    /// The client for a profile already resolved, sharing this process's HTTP client.
    pub(crate) fn target_for(&self, profile: Profile, pacing: Pacing) -> Result<Target> {
        build_target(&self.http, profile, pacing, &self.trail()?)
    }

    /// Name the command audit lines are about (`users import`); `writes` when it sends
    /// changes, so a log that cannot be kept stops it before the first one.
    pub(crate) fn audit_as(&mut self, command: &'static str, writes: bool) {
        self.audit_command = (command, writes);
    }

    /// This run's audit trail: nothing under `--dry-run` or `audit_log = false`, else the file
    /// `ROSTER_AUDIT_LOG`, the config or the default names, opened now for a command that
    /// writes (it refuses here, before sending anything, when the log cannot be kept).
    fn trail(&self) -> Result<Arc<Trail>> {
        let (command, writes) = self.audit_command;
        let trail = match self.audit.get() {
            Some(t) => t.clone(),
            None => {
                let run = audit::Run::current(command);
                let trail =
                    if self.settings.dry_run {
                        Trail::off(run)
                    } else {
                        let configured = self.config.as_ref().and_then(|c| c.audit_log.clone());
                        match audit::destination(configured) {
                            Some(d) => Trail::new(run, Some(d)),
                            None if writes => return Err(Error::new(
                                ErrorKind::Config,
                                "cannot find a state directory for the audit log; nothing was sent",
                            )
                            .with_hint(
                                "set `audit_log = \"/path\"` in the config (or ROSTER_AUDIT_LOG), \
                                 or `audit_log = false` to run without one",
                            )),
                            None => Trail::off(run),
                        }
                    };
                self.audit.get_or_init(|| trail).clone()
            }
        };
        if writes {
            trail.open()?;
        }
        Ok(trail)
    }

    /// From now on, targets log in afresh and never use a cached token (`profiles check`).
    pub(crate) fn log_in_afresh(&mut self) {
        self.fresh_login = true;
    }

    /// Why roster cannot prompt: `--no-input is set`, `ROSTER_NO_INPUT is set`, `stdin is not
    /// a terminal` or `stderr is not a terminal`; `None` when it can. Every "cannot ask"
    /// message takes its reason from here.
    pub(crate) fn why_no_prompt(&self) -> Option<&'static str> {
        self.no_prompt
    }

    /// The error for a confirmation nobody can give.
    fn unconfirmed(&self, what: &str) -> Error {
        let why = self.why_no_prompt().unwrap_or("no terminal to ask on");
        Error::usage(format!("refusing to {what} without confirmation: {why}"))
            .with_hint("pass --yes to confirm in scripts")
    }

    /// Ask for a yes, or demand `--yes` where nobody can answer.
    pub(crate) fn confirm(&self, question: &str, what: &str) -> Result<()> {
        if self.settings.yes || self.settings.dry_run {
            return Ok(());
        }
        if !self.interactive {
            return Err(self.unconfirmed(what));
        }
        if self.prompter.confirm(question, false)? {
            Ok(())
        } else {
            Err(Error::cancelled())
        }
    }

    /// For destructive actions: the person types one of `accepted` (the user's email or id) to
    /// go on; anything else cancels. Scripts pass `--yes`.
    pub(crate) fn confirm_typed(
        &self,
        question: &str,
        accepted: &[&str],
        what: &str,
    ) -> Result<()> {
        if self.settings.yes || self.settings.dry_run {
            return Ok(());
        }
        if !self.interactive {
            return Err(self.unconfirmed(what));
        }
        let shown: Vec<String> = accepted.iter().map(|a| format!("`{a}`")).collect();
        let typed = self.prompter.input(
            &format!("{question}\nType {} to confirm", shown.join(" or ")),
            None,
            &|_| Ok(()),
        )?;
        let typed = typed.trim();
        if accepted
            .iter()
            .any(|a| *a == typed || (a.contains('@') && a.eq_ignore_ascii_case(typed)))
        {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::Cancelled,
                format!("`{typed}` does not match; nothing was sent"),
            ))
        }
    }

    /// The profiles `--profile` names. When it names none and the config has several and no
    /// `default_profile`, a person at the terminal picks one; scripts get the config's error.
    fn chosen_profiles(&mut self) -> Result<Vec<String>> {
        if !self.settings.profile.is_empty() || !self.interactive {
            return Ok(self.settings.profile.clone());
        }
        let config = self.config()?;
        let all = config.names();
        if config.default_profile.is_some() || all.len() < 2 {
            return Ok(Vec::new());
        }
        let width = all.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let (names, items): (Vec<String>, Vec<String>) = all
            .iter()
            .map(|name| {
                let item = match (config.profiles.get(name), config.broken.get(name)) {
                    (Some(p), _) => format!("{name:width$}  {:8}  {}", p.kind.name(), p.base_url),
                    (None, b) => format!(
                        "{name:width$}  {:8}  (broken: {})",
                        b.and_then(|b| b.provider.as_deref()).unwrap_or("?"),
                        b.map(|b| b.error.message.as_str()).unwrap_or("")
                    ),
                };
                (name.clone(), item)
            })
            .unzip();
        let picked = self.prompter.select("Profile", &items, 0)?;
        let name = names
            .get(picked)
            .cloned()
            .ok_or_else(|| Error::failure("internal: no profile at that position"))?;
        self.settings.profile = vec![name];
        Ok(self.settings.profile.clone())
    }

    /// Print the writes `--dry-run` held back. Returns true if it was a dry run.
    pub(crate) fn show_planned(&self) -> Result<bool> {
        if !self.http.dry_run() {
            return Ok(false);
        }
        let planned = self.http.planned();
        self.out
            .note(format!("dry run: {} request(s) not sent", planned.len()));
        self.out.planned(&planned)?;
        Ok(true)
    }

    /// Save the sandbox state and stop its server. Called once, whatever the command's outcome.
    pub(crate) async fn finish(mut self) -> Result<()> {
        if let Some(s) = self.sandbox.take() {
            let state = s.sandbox.snapshot();
            s.running.shutdown().await;
            s.store
                .save(&state)
                .map_err(|e| Error::failure("cannot save the sandbox state").with_source(e))?;
        }
        Ok(())
    }
}

/// A profile's client, paced as `pacing` says.
fn build_target(
    http: &HttpClient,
    profile: Profile,
    pacing: Pacing,
    trail: &Arc<Trail>,
) -> Result<Target> {
    let rate = match pacing {
        Pacing::IfConfigured => profile.rate_limit,
        Pacing::Bulk => profile
            .rate_limit
            .or(profile.kind.documented_rate())
            .or(Some(DEFAULT_BULK_RATE)),
    };
    let http = match rate {
        Some(r) => http.paced(r.per_second),
        None => http.clone(),
    };
    let vendor =
        providers::build(&profile, &http).map_err(|e| Error::from_provider(e, &profile.name))?;
    let audit = Recorder::new(trail.clone(), &profile.name, profile.kind);
    let provider = Box::new(AuditedProvider::new(vendor, audit.clone()));
    Ok(Target {
        profile,
        provider,
        audit,
    })
}

/// What to do about values nobody could be asked for, with why: "pass them or run on a
/// terminal (stdin is not a terminal)", or under `--no-input` just "pass them (--no-input is
/// set)". `why` is [`Context::why_no_prompt`].
pub(crate) fn pass_or_ask(pronoun: &str, why: Option<&str>) -> String {
    match why {
        Some(why) if why.contains("NO_INPUT") || why.contains("--no-input") => {
            format!("pass {pronoun} ({why})")
        }
        Some(why) => format!("pass {pronoun} or run on a terminal ({why})"),
        None => format!("pass {pronoun} or run on a terminal"),
    }
}

/// Why nobody can be asked, for a process where [`Terminal::can_prompt`] said no. `--no-input` and
/// `ROSTER_NO_INPUT` reach clap as one flag; the command line tells them apart.
pub(crate) fn no_prompt_reason(terminal: &Terminal, no_input: bool) -> &'static str {
    if no_input {
        let on_command_line = std::env::args_os()
            .skip(1)
            .take_while(|a| a != "--")
            .any(|a| a == "--no-input");
        if on_command_line {
            "--no-input is set"
        } else {
            "ROSTER_NO_INPUT is set"
        }
    } else if !terminal.stdin_tty {
        "stdin is not a terminal"
    } else {
        "stderr is not a terminal"
    }
}

async fn start_sandbox() -> Result<SandboxSession> {
    let path = sandbox::store::default_state_path().ok_or_else(|| {
        Error::failure("cannot find a data directory for the sandbox state")
            .with_hint("set ROSTER_SANDBOX_STATE to a file path")
    })?;
    let store = tokio::task::spawn_blocking(move || sandbox::store::StateFile::open(&path))
        .await
        .map_err(|e| Error::failure("sandbox state loader stopped").with_source(e))?
        .map_err(|e| Error::failure("cannot open the sandbox state").with_source(e))?;
    let sandbox = sandbox::Sandbox::new(store.state().clone(), sandbox::SandboxOptions::default());
    let running = sandbox
        .start(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .map_err(|e| Error::failure("cannot start the sandbox").with_source(e))?;
    Ok(SandboxSession {
        sandbox,
        running,
        store,
    })
}
