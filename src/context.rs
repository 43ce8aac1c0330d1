//! What a command needs: resolved profiles, the one HTTP client, output settings, the prompter.

use crate::cli::GlobalArgs;
use crate::config::{config_path, Config, Profile};
use crate::error::{Error, ErrorKind, Result};
use crate::output::Output;
use crate::prompt::{can_prompt, Prompter, TerminalPrompter};
use crate::providers::{self, HttpClient, Provider, ProviderError};
use crate::sandbox;

pub struct Context {
    pub global: GlobalArgs,
    pub out: Output,
    pub http: HttpClient,
    pub prompter: Box<dyn Prompter>,
    /// A person can answer prompts.
    pub interactive: bool,
    config: Option<Config>,
    sandbox: Option<SandboxSession>,
}

/// The in-process sandbox behind `--sandbox`, with the locked state file it saves to.
struct SandboxSession {
    sandbox: sandbox::Sandbox,
    running: sandbox::RunningSandbox,
    store: sandbox::store::StateFile,
}

/// One profile with its client: what most commands act on.
pub struct Target {
    pub profile: Profile,
    pub provider: Box<dyn Provider>,
}

impl Target {
    /// Turns a vendor error into the user-facing one, naming this profile in the hint.
    pub fn err(&self) -> impl Fn(ProviderError) -> Error + '_ {
        move |e| Error::from_provider(e, &self.profile.name)
    }
}

impl Context {
    /// Build the context; with `--sandbox`, start the in-process sandbox first.
    pub async fn new(global: GlobalArgs) -> Result<Context> {
        let out = Output::new(global.output, global.color, global.quiet);
        let http = HttpClient::new(global.verbose > 0, global.dry_run)?;
        let interactive = can_prompt(global.no_input);
        let sandbox = if global.sandbox {
            Some(start_sandbox().await?)
        } else {
            None
        };
        Ok(Context {
            global,
            out,
            http,
            prompter: Box::new(TerminalPrompter),
            interactive,
            config: None,
            sandbox,
        })
    }

    /// The config: the built-in sandbox profiles under `--sandbox`, else the file.
    pub fn config(&mut self) -> Result<&Config> {
        if self.config.is_none() {
            let config = match &self.sandbox {
                Some(s) => Config::parse(&s.running.profiles_toml(), "built-in sandbox profiles")?,
                None => {
                    let path = config_path(self.global.config.as_deref()).ok_or_else(|| {
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
    pub fn target(&mut self) -> Result<Target> {
        let names = self.global.profile.clone();
        if names.len() > 1 {
            return Err(Error::usage(format!(
                "this command acts on one profile; got {}",
                names.join(", ")
            ))
            .with_hint("pass a single --profile"));
        }
        let http = self.http.clone();
        let config = self.config()?;
        let spec = config
            .select(&names)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::usage("no profile selected"))?;
        let profile = spec.resolve(&config.source)?;
        let provider = providers::build(&profile, &http)
            .map_err(|e| Error::from_provider(e, &profile.name))?;
        Ok(Target { profile, provider })
    }

    /// Ask for a yes, or demand `--yes` where nobody can answer.
    pub fn confirm(&self, question: &str, what: &str) -> Result<()> {
        if self.global.yes || self.global.dry_run {
            return Ok(());
        }
        if !self.interactive {
            return Err(Error::usage(format!(
                "refusing to {what} without confirmation: no terminal to ask on"
            ))
            .with_hint("pass --yes to confirm in scripts"));
        }
        if self.prompter.confirm(question, false)? {
            Ok(())
        } else {
            Err(Error::cancelled())
        }
    }

    /// Print the writes `--dry-run` held back. Returns true if it was a dry run.
    pub fn show_planned(&self) -> Result<bool> {
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
    pub async fn finish(mut self) -> Result<()> {
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
