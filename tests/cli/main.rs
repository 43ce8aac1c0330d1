//! Black-box tests: the real `roster` binary against the sandbox over HTTP on 127.0.0.1.

mod common;

mod across;
mod amani;
mod audit;
mod bleemeo;
mod completion;
mod config;
mod cradl;
mod errors;
mod generated;
mod groups;
mod hardening;
mod help;
mod import;
mod interactive;
mod local_server;
mod offboard;
mod output;
mod people;
mod profile_setup;
mod profiles;
mod sandbox_mode;
mod sandbox_server;
mod scim;
mod scim_server;
mod sdk;
mod security;
mod shaping;
mod truthful;
mod unclear;
mod users;
