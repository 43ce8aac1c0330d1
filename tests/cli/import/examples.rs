//! The CSV files in `examples/` that the README uses import cleanly into the sandbox.

use std::path::PathBuf;

use super::outcomes;
use crate::common::{assert_success, Env};

fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

/// Import `file` with `args` and check every row was created (and exists at the vendor).
fn imports_cleanly(env: &Env, file: &str, args: &[&str], rows: usize) {
    let out = env.run(
        &[
            &["-o", "json"][..],
            args,
            &["users", "import", &example(file)][..],
            &["--generate-password"][..],
        ]
        .concat(),
    );
    assert_success(&out, &[file]);
    let results = outcomes(&out);
    assert_eq!(results.len(), rows, "{file}: {results:?}");
    for r in &results {
        assert_eq!(r["action"], "created", "{file}: {r}");
        let profile = r["profile"].as_str().unwrap();
        let email = r["email"].as_str().unwrap().to_string();
        assert!(
            env.emails(profile).contains(&email),
            "{profile} has {email}"
        );
    }
}

#[test]
fn each_vendor_example_imports_cleanly() {
    for vendor in ["paradigm", "bleemeo", "amani", "cradl", "scim"] {
        let env = Env::new();
        imports_cleanly(
            &env,
            &format!("import/{vendor}.csv"),
            &["--profile", vendor],
            3,
        );
    }
}

#[test]
fn the_new_hires_example_imports_into_every_vendor_at_once() {
    let env = Env::new();
    let every = ["--profile", "paradigm,bleemeo,amani,cradl"];
    imports_cleanly(&env, "new-hires.csv", &every, 12);
}

#[test]
fn the_profile_column_example_routes_each_row_to_its_vendor() {
    let env = Env::new();
    imports_cleanly(&env, "import/every-vendor.csv", &[], 5);
}
