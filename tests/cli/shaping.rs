//! Output shaping: `--fields`, `--jq`, tables without empty columns, `--failures-only`.

use serde_json::Value;

use crate::common::{assert_success, code, stderr, stdout, Env};
use crate::import::{outcomes, write};

#[test]
fn fields_choose_and_order_columns_and_keys_in_every_format() {
    let env = Env::new();
    let args = [
        "--profile",
        "paradigm",
        "users",
        "list",
        "--fields",
        "email,id,status",
    ];
    let out = env.run(&[&args[..], &["-o", "json"]].concat());
    assert_success(&out, &args);
    let users: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(users.len() >= 3);
    for u in &users {
        let keys: Vec<&String> = u.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3, "{u}");
        assert!(u["email"].is_string() && u["id"].is_string() && u["status"].is_string());
    }
    let first_object = stdout(&out);
    let (e, i, s) = (
        first_object.find("\"email\"").unwrap(),
        first_object.find("\"id\"").unwrap(),
        first_object.find("\"status\"").unwrap(),
    );
    assert!(e < i && i < s, "keys in the asked order: {first_object}");

    let out = env.run(&[&args[..], &["-o", "ndjson"]].concat());
    let first = stdout(&out).lines().next().unwrap().to_string();
    assert!(first.starts_with("{\"email\":"), "{first}");
    assert_eq!(
        serde_json::from_str::<Value>(&first)
            .unwrap()
            .as_object()
            .unwrap()
            .len(),
        3
    );

    let out = env.run(&[&args[..], &["-o", "csv"]].concat());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(reader.headers().unwrap(), vec!["email", "id", "status"]);
    assert_eq!(reader.records().count(), users.len());

    let out = env.run(&args);
    let header = stdout(&out).lines().next().unwrap().to_string();
    let titles: Vec<&str> = header
        .split('|')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(titles, ["EMAIL", "ID", "STATUS"]);

    let out = env.run(&["users", "list", "--fields", "email,nope"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("nope") && err.contains("valid:") && err.contains("last_login"),
        "{err}"
    );
    assert!(stdout(&out).is_empty(), "nothing printed before the error");
    // Checked even when nothing is listed.
    let out = env.run(&["log", "--fields", "nope"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn jq_filters_json_in_process_and_prints_strings_raw() {
    let env = Env::new();
    let users = env.json(&["--profile", "paradigm", "users", "list"]);
    let emails: Vec<String> = users
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["email"].as_str().map(String::from))
        .collect();
    // -o csv is overridden: --jq implies JSON.
    let out = env.run(&[
        "--profile",
        "paradigm",
        "-o",
        "csv",
        "users",
        "list",
        "--jq",
        ".[].email",
    ]);
    assert_success(&out, &["--jq"]);
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(lines, emails, "raw strings, one a line");

    let out = env.run(&[
        "--profile",
        "paradigm",
        "users",
        "list",
        "--jq",
        "map(select(.status == \"active\")) | length",
    ]);
    let active = users
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] == "active")
        .count();
    assert_eq!(stdout(&out).trim(), active.to_string());
    let out = env.run(&[
        "users",
        "get",
        "ada@sandbox.example",
        "--fields",
        "id,email",
        "--jq",
        ".",
    ]);
    let one: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(one.as_object().unwrap().len(), 2, "{one}");
    assert_eq!(one["email"], "ada@sandbox.example");

    let writes = env.sandbox.stats().writes;
    let out = env.run(&[
        "users",
        "delete",
        "ada@sandbox.example",
        "--yes",
        "--jq",
        ".[] |",
    ]);
    assert_eq!(
        code(&out),
        2,
        "a compile error is a usage error: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("--jq") && stderr(&out).contains("expected"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        env.sandbox.stats().writes,
        writes,
        "refused before anything ran"
    );
    let out = env.run(&["users", "list", "--jq", "nosuch"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("undefined filter `nosuch`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn tables_drop_columns_empty_in_every_row() {
    let env = Env::new();
    for profile in ["paradigm", "bleemeo", "cradl"] {
        let users = env.json(&["--profile", profile, "users", "list"]);
        let users = users.as_array().unwrap();
        let empty = |key: &str| {
            users.iter().all(|u| match &u[key] {
                Value::Null => true,
                Value::String(s) => s.is_empty(),
                Value::Array(a) => a.is_empty(),
                _ => false,
            })
        };
        let out = env.run(&["--profile", profile, "users", "list"]);
        let header = stdout(&out).lines().next().unwrap().to_string();
        let titles: Vec<&str> = header
            .split('|')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        for (key, title) in [
            ("username", "USERNAME"),
            ("groups", "GROUPS"),
            ("roles", "ROLES"),
        ] {
            assert_eq!(
                titles.contains(&title),
                !empty(key),
                "{profile} {title}: {header}"
            );
        }
        assert!(
            titles.contains(&"ID") && titles.contains(&"EMAIL"),
            "{header}"
        );
    }
    // Bleemeo has no groups at all: the column goes.
    let out = env.run(&["--profile", "bleemeo", "users", "list"]);
    assert!(!stdout(&out).lines().next().unwrap().contains("GROUPS"));
    // Asked for by name, an empty column stays.
    let out = env.run(&[
        "--profile",
        "bleemeo",
        "users",
        "list",
        "--fields",
        "id,groups",
    ]);
    assert!(stdout(&out).lines().next().unwrap().contains("GROUPS"));
}

#[test]
fn failures_only_prints_the_rows_that_did_not_succeed() {
    let env = Env::new();
    let csv = "email,username\nfresh1@example.com,fresh1\nada@sandbox.example,ada\nfresh2@example.com,fresh2\n";
    let file = write(&env, "mixed.csv", csv);
    let out = env.run(&[
        "--profile",
        "paradigm",
        "-o",
        "json",
        "users",
        "import",
        &file,
        "--if-exists",
        "fail",
        "--failures-only",
    ]);
    assert_eq!(code(&out), 7, "one row failed: {}", stderr(&out));
    let rows = outcomes(&out);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["email"], "ada@sandbox.example");
    assert_eq!(rows[0]["action"], "failed");
    assert!(
        stderr(&out).contains("2 created"),
        "the summary covers every row: {}",
        stderr(&out)
    );
}

#[test]
fn a_field_name_the_result_lacks_stops_every_write_before_it_is_sent() {
    let env = Env::new();
    let hires = write(
        &env,
        "hires.csv",
        "email,first_name\nnew.hire@example.com,New\n",
    );
    let people = write(
        &env,
        "people.toml",
        "[defaults]\nprofiles = [\"paradigm\"]\n\n[[person]]\nemail = \"new.hire@example.com\"\n",
    );
    let writes: [&[&str]; 11] = [
        &[
            "users",
            "create",
            "--email",
            "n@example.com",
            "--username",
            "n",
        ],
        &["users", "update", "ada@sandbox.example", "--last-name", "B"],
        &[
            "--profile",
            "amani",
            "users",
            "deactivate",
            "ayse.yilmaz@amani.sandbox.example",
            "--yes",
        ],
        &[
            "--profile",
            "amani",
            "users",
            "reactivate",
            "lena.weber@amani.sandbox.example",
            "--yes",
        ],
        &["users", "delete", "ada@sandbox.example", "--yes"],
        &["users", "offboard", "ada@sandbox.example", "--yes"],
        &["groups", "add", "Sales", "ada@sandbox.example"],
        &["groups", "remove", "Sales", "margaret@sandbox.example"],
        &["--profile", "scim", "groups", "create", "Contractors"],
        &["users", "import", &hires],
        &["apply", &people, "--yes"],
    ];
    for args in writes {
        let out = env.run(&[&["--fields", "email,nope"][..], args].concat());
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("nope") && err.contains("valid:"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(env.sandbox.stats().writes, 0, "no write was sent");

    // `generated_password` is a field only when roster generates one.
    let fields = ["-o", "csv", "--fields", "email,generated_password"];
    let paradigm = [
        "users",
        "create",
        "--email",
        "n@example.com",
        "--username",
        "n",
    ];
    let out = env.run(&[&fields[..], &paradigm].concat());
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(env.sandbox.stats().writes, 0, "refused before the create");
    let create = [
        "--profile",
        "amani",
        "users",
        "create",
        "--email",
        "pw.hire@example.com",
        "--first-name",
        "Pw",
        "--last-name",
        "Hire",
        "--generate-password",
    ];
    let out = env.run(&[&fields[..], &create].concat());
    assert_success(&out, &create);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["email", "generated_password"]
    );
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(row.get(1).map(str::len), Some(20), "the password is shown");
}
