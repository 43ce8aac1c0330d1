//! `--quiet` silences the import's warnings (here: columns an import does not take), never
//! its data on stdout nor an error.

use super::write;
use crate::common::{assert_success, stderr, Env};

#[test]
fn quiet_silences_the_ignored_columns_warning() {
    let env = Env::new();
    let file = write(
        &env,
        "extra-column.csv",
        "email,first_name,last_name,nickname\nnew.person@example.com,New,Person,np\n",
    );
    let args = [
        "--dry-run",
        "-o",
        "json",
        "--profile",
        "paradigm",
        "users",
        "import",
        &file,
    ];
    let loud = env.run(&args);
    assert_success(&loud, &args);
    assert!(
        stderr(&loud).contains("warning: ignoring column(s) an import does not take: nickname"),
        "{}",
        stderr(&loud)
    );
    let mut quiet_args = vec!["--quiet"];
    quiet_args.extend_from_slice(&args);
    let quiet = env.run(&quiet_args);
    assert_success(&quiet, &quiet_args);
    assert!(!stderr(&quiet).contains("warning"), "{}", stderr(&quiet));
    assert_eq!(quiet.stdout, loud.stdout, "--quiet keeps the data");
}
