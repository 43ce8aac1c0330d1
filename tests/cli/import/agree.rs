//! The same row means the same thing in `users create` and `users import`: derived usernames,
//! Cradl's name from first and last, fields a vendor lacks refused in both, the Amani hint, and
//! problems in line order.

use super::{outcomes, write};
use crate::common::{assert_success, code, stderr, Env};

fn create(env: &Env, profile: &str, args: &[&str]) -> std::process::Output {
    let base = [
        "-o",
        "json",
        "--no-input",
        "--profile",
        profile,
        "users",
        "create",
    ];
    env.run(&[&base[..], args].concat())
}

#[test]
fn a_blank_paradigm_username_is_made_from_the_email_in_both() {
    let env = Env::new();
    // `users create` in a script, without --username.
    let out = create(
        &env,
        "paradigm",
        &["--email", "mary-ann.o'neil+x@example.com"],
    );
    assert_success(&out, &["create without --username"]);
    let created: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(created["username"], "mary-ann.oneil+x");
    assert!(
        stderr(&out).contains("username `mary-ann.oneil+x` made from the email"),
        "{}",
        stderr(&out)
    );

    // The same rule in an import, named on stderr.
    let file = write(
        &env,
        "blank.csv",
        "email,username\nj!m.roe+y@example.com,\n",
    );
    let out = env.run(&["-o", "json", "users", "import", &file]);
    assert_success(&out, &["import with a blank username"]);
    assert!(
        stderr(&out).contains("line 2 `jm.roe+y`"),
        "{}",
        stderr(&out)
    );
    let user = env.json(&["users", "get", "j!m.roe+y@example.com"]);
    assert_eq!(user["username"], "jm.roe+y");
}

#[test]
fn cradl_joins_first_and_last_into_its_name_in_both() {
    let env = Env::new();
    let out = create(
        &env,
        "cradl",
        &[
            "--email",
            "grace@example.com",
            "--first-name",
            "Grace",
            "--last-name",
            "Hopper",
        ],
    );
    assert_success(&out, &["create with first and last"]);
    let created: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(created["display_name"], "Grace Hopper");

    let file = write(
        &env,
        "names.csv",
        "email,first_name,last_name\nkatherine@example.com,Katherine,Johnson\n",
    );
    let out = env.run(&["-o", "json", "--profile", "cradl", "users", "import", &file]);
    assert_success(&out, &["import with first and last"]);
    let user = env.json(&[
        "--profile",
        "cradl",
        "users",
        "get",
        "katherine@example.com",
    ]);
    assert_eq!(user["display_name"], "Katherine Johnson");

    // Both a name and first/last: refused in both, with the same words.
    let out = create(
        &env,
        "cradl",
        &[
            "--email",
            "x@example.com",
            "--name",
            "X",
            "--first-name",
            "Y",
        ],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("first name besides a name"),
        "{}",
        stderr(&out)
    );
    let file = write(
        &env,
        "both.csv",
        "email,name,first_name\ny@example.com,Y,Z\n",
    );
    let out = env.run(&["--profile", "cradl", "users", "import", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("first name besides a name"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_column_the_vendor_lacks_is_refused_as_create_refuses_the_flag() {
    let env = Env::new();
    let cases = [
        (
            "paradigm",
            "phone",
            "--phone",
            "paradigm users have no phone",
        ),
        (
            "bleemeo",
            "username",
            "--username",
            "no username (the email is the login)",
        ),
        (
            "amani",
            "description",
            "--description",
            "amani users have no description",
        ),
        (
            "cradl",
            "language",
            "--language",
            "cradl users have no language",
        ),
    ];
    for (profile, column, flag, words) in cases {
        // Amani needs a password before anything else is looked at; the others take none.
        let password: &[&str] = if profile == "amani" {
            &["--generate-password"]
        } else {
            &[]
        };
        let flags = [&["--email", "lacks@example.com", flag, "x"][..], password].concat();
        let out = create(&env, profile, &flags);
        let create_err = stderr(&out);
        assert_eq!(code(&out), 2, "{profile} create {flag}: {create_err}");
        assert!(create_err.contains(words), "{profile}: {create_err}");

        let file = write(
            &env,
            &format!("lacks-{profile}.csv"),
            &format!("email,{column}\nlacks@example.com,x\n"),
        );
        let out = env.run(
            &[
                &["--profile", profile, "users", "import", &file][..],
                password,
            ]
            .concat(),
        );
        let import_err = stderr(&out);
        assert_eq!(code(&out), 2, "{profile} import {column}: {import_err}");
        assert!(import_err.contains(words), "{profile}: {import_err}");
    }
    assert_eq!(env.sandbox.stats().writes, 0, "refused before sending");
}

#[test]
fn the_amani_hint_in_an_import_names_generate_password_only() {
    let env = Env::new();
    let file = write(&env, "kyc.csv", "email,first_name\nkyc@example.com,Kyc\n");
    let out = env.run(&["--profile", "amani", "users", "import", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("--generate-password"), "{err}");
    assert!(!err.contains("--password-stdin"), "{err}");
    assert_eq!(env.sandbox.stats().writes, 0);
}

#[test]
fn problems_are_listed_in_line_order() {
    let env = Env::new();
    // Line 2's problem is found by the vendor's rules, line 3's while reading: the list is
    // still in line order.
    let csv = "email,username,groups\nfirst@example.com,first,Nope\nnot-an-email,x,\n\
               third@example.com,bad name,\n";
    let file = write(&env, "order.csv", csv);
    let out = env.run(&["-o", "json", "users", "import", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    let at = |line: &str| {
        err.find(&format!("order.csv:{line}:"))
            .unwrap_or_else(|| panic!("no line {line}: {err}"))
    };
    assert!(at("2") < at("3") && at("3") < at("4"), "{err}");
    // With --skip-invalid the warnings and the results keep the same order.
    let out = env.run(&["-o", "json", "users", "import", &file, "--skip-invalid"]);
    let lines: Vec<u64> = outcomes(&out)
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4]);
}
