//! Colour on a terminal follows one `NO_COLOR` rule (no-color.org) for stdout and stderr: set
//! and not empty disables it; `NO_COLOR=` (set but empty) does not.

use super::{finish, spawn};
use crate::common::Env;

const BOLD: &str = "\u{1b}[1m";
const RED_ERROR: &str = "\u{1b}[1;31merror:";

#[test]
fn an_empty_no_color_keeps_colour_in_tables_and_the_error_report() {
    let env = Env::new();
    let (code, screen) = finish(spawn(&env, &["users", "list"], &[("NO_COLOR", "")]));
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains(BOLD),
        "NO_COLOR= still styles the header: {screen}"
    );
    let (code, screen) = finish(spawn(
        &env,
        &["users", "get", "no-such-user@example.com"],
        &[("NO_COLOR", "")],
    ));
    assert_ne!(code, 0, "{screen}");
    assert!(
        screen.contains(RED_ERROR),
        "NO_COLOR= keeps the red error: {screen}"
    );
}

#[test]
fn a_set_no_color_drops_colour_in_tables_and_the_error_report() {
    let env = Env::new();
    let (code, screen) = finish(spawn(&env, &["users", "list"], &[("NO_COLOR", "1")]));
    assert_eq!(code, 0, "{screen}");
    assert!(
        !screen.contains('\u{1b}'),
        "NO_COLOR=1: no escape: {screen}"
    );
    let (code, screen) = finish(spawn(
        &env,
        &["users", "get", "no-such-user@example.com"],
        &[("NO_COLOR", "1")],
    ));
    assert_ne!(code, 0, "{screen}");
    assert!(screen.contains("error:"), "{screen}");
    assert!(
        !screen.contains('\u{1b}'),
        "NO_COLOR=1: a plain error: {screen}"
    );
}
