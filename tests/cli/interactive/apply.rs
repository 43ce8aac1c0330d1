//! `roster apply` at a terminal: the plan is shown, then asked about; "no" sends nothing.

use super::{answer, finish, spawn};
use crate::common::Env;

#[test]
fn apply_shows_the_plan_and_asks_before_it_sends() {
    let env = Env::new();
    let file = env.home().join("people.toml");
    std::fs::write(
        &file,
        "[defaults]\nprofiles = [\"paradigm\"]\n\n[[person]]\nemail = \"asked@example.com\"\n\
         first_name = \"Asked\"\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let mut p = spawn(&env, &["apply", file], &[]);
    let plan = p
        .exp_string("Apply these 1 change(s)?")
        .expect("the question");
    assert!(plan.contains("+ create asked@example.com"), "{plan}");
    assert!(plan.contains("Plan: 1 to create"), "{plan}");
    p.send("n").expect("types");
    p.flush().expect("flushes");
    let (status, screen) = finish(p);
    assert_eq!(status, 130, "{screen}");
    assert!(!env
        .emails("paradigm")
        .contains(&"asked@example.com".to_string()));

    let mut p = spawn(&env, &["apply", file], &[]);
    answer(&mut p, "Apply these 1 change(s)?", "y");
    let (status, screen) = finish(p);
    assert_eq!(status, 0, "{screen}");
    assert!(screen.contains("created"), "{screen}");
    assert!(env
        .emails("paradigm")
        .contains(&"asked@example.com".to_string()));
}
