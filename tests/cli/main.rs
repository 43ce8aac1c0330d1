//! Black-box tests: the real `roster` binary against the sandbox over HTTP on 127.0.0.1.

mod common;

mod config;
mod generated;
mod output;
mod profiles;
mod sandbox_mode;
mod security;
mod users;
