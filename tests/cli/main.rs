//! Black-box tests: the real `roster` binary against the sandbox over HTTP on 127.0.0.1.

mod common;

mod amani;
mod bleemeo;
mod config;
mod cradl;
mod generated;
mod hardening;
mod import;
mod interactive;
mod offboard;
mod output;
mod profile_setup;
mod profiles;
mod sandbox_mode;
mod security;
mod users;
