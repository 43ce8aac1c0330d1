//! The single-user verbs at a terminal: the offboarding plan, Amani passwords, the spinner.

use roster::sandbox::{Fault, FaultRule};

use super::{answer, finish, interrupt, spawn, DOWN, ENTER};
use crate::common::{code, stderr, Env};

#[test]
fn the_offboarding_confirmation_shows_the_plan_where_the_person_has_an_account() {
    let env = Env::new();
    let email = "leaver@example.com";
    for create in [
        &[
            "--profile",
            "paradigm",
            "users",
            "create",
            "--email",
            email,
            "--username",
            "leaver",
        ][..],
        &[
            "--profile",
            "amani",
            "users",
            "create",
            "--email",
            email,
            "--generate-password",
        ][..],
    ] {
        let out = env.run(create);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let mut p = spawn(&env, &["users", "offboard", email], &[]);
    let plan = p.exp_string("to confirm").expect("the confirmation");
    assert!(plan.contains("delete (cannot be undone)"), "{plan}");
    assert!(plan.contains("deactivate (reversible)"), "{plan}");
    assert!(plan.contains("no account in: bleemeo, cradl"), "{plan}");
    let lines: Vec<&str> = plan.lines().filter(|l| l.contains("(id ")).collect();
    assert_eq!(lines.len(), 2, "only where an account exists: {plan}");
    assert!(lines
        .iter()
        .any(|l| l.contains("paradigm") && l.contains("delete")));
    assert!(lines
        .iter()
        .any(|l| l.contains("amani") && l.contains("deactivate")));
    p.send(&format!("{email}\r")).expect("types");
    p.flush().expect("flushes");
    let (status, screen) = finish(p);
    assert_eq!(status, 0, "{screen}");
    assert!(!env.emails("paradigm").contains(&email.to_string()));
}

#[test]
fn a_short_amani_password_is_refused_before_it_is_asked_again() {
    let env = Env::new();
    let mut p = spawn(&env, &["--profile", "amani", "users", "create"], &[]);
    answer(&mut p, "Email", "typed@example.com\r");
    answer(&mut p, "First name", ENTER);
    answer(&mut p, "Last name", ENTER);
    answer(&mut p, "Phone", ENTER);
    answer(&mut p, "type one (hidden)", &format!("{DOWN}{ENTER}"));
    answer(&mut p, "Password (at least 8 characters)", "short\r");
    let between = p.exp_string("Too short").expect("refused at once");
    assert!(!between.contains("again"), "asked twice first: {between}");
    p.send("long-enough-secret\r").expect("types");
    p.flush().expect("flushes");
    answer(&mut p, "Password (again)", "long-enough-secret\r");
    answer(&mut p, "Operator", ENTER);
    let summary = p
        .exp_string("Create this user in amani?")
        .expect("the summary");
    assert!(
        summary.contains("About to create an amani user"),
        "{summary}"
    );
    p.send("y").expect("types");
    p.flush().expect("flushes");
    let (status, screen) = finish(p);
    assert_eq!(status, 0, "{screen}");
    assert!(env
        .emails("amani")
        .contains(&"typed@example.com".to_string()));
}

#[test]
fn a_spinner_shows_while_the_groups_load_and_ctrl_c_there_sends_nothing() {
    let env = Env::new();
    // The group list takes long to come.
    env.sandbox.inject(FaultRule {
        vendor: Some("paradigm".into()),
        method: Some("GET".into()),
        path_contains: Some("/api/v3/groups".into()),
        fault: Fault::Stall { secs: 30 },
        times: 1,
    });
    let mut p = spawn(&env, &["users", "create"], &[]);
    p.exp_string("listing the groups and roles of paradigm")
        .expect("a spinner while waiting");
    let (status, screen) = interrupt(p);
    assert_eq!(status, 130, "{screen}");
    assert_eq!(env.sandbox.stats().writes, 0, "nothing was sent");
    // And it says so, instead of hinting that a change may have been applied.
    assert!(screen.contains("cancelled; nothing was sent"), "{screen}");
    assert!(!screen.contains("may or may not"), "{screen}");
}
