//! The scenario every SCIM service runs: create, get by email, list past several pages,
//! update, group add/remove, deactivate, reactivate, duplicate, delete, import 100 rows once.

use serde_json::Value;

use crate::common::{assert_success, code, stderr, Env};

/// What differs between the services the scenario runs against.
pub struct Service<'a> {
    pub env: &'a Env,
    pub profile: &'a str,
    /// The service lists users at all (Google lists only by filter).
    pub lists: bool,
    /// DELETE removes the user (Slack's deactivates it).
    pub delete_removes: bool,
    /// Said on stderr before a delete, if the service's DELETE means more or less than it says.
    pub delete_warning: Option<&'a str>,
    /// A group the service has, by name.
    pub group: &'a str,
    /// How many users the service holds now, from the service's own truth.
    pub count: &'a dyn Fn() -> usize,
}

impl Service<'_> {
    fn args<'b>(&'b self, rest: &[&'b str]) -> Vec<&'b str> {
        let mut v = vec!["--profile", self.profile];
        v.extend_from_slice(rest);
        v
    }

    fn json(&self, rest: &[&str]) -> Value {
        self.env.json(&self.args(rest))
    }

    fn run(&self, rest: &[&str]) -> std::process::Output {
        self.env.run(&self.args(rest))
    }

    fn listed(&self, rest: &[&str]) -> Vec<Value> {
        let mut args = vec!["users", "list"];
        args.extend_from_slice(rest);
        self.json(&args).as_array().cloned().unwrap_or_default()
    }
}

fn in_group(user: &Value, name: &str) -> bool {
    user["groups"].as_array().into_iter().flatten().any(|g| {
        g["name"]
            .as_str()
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

/// The whole scenario; `extra_users` were added before it so lists span several pages.
pub fn run(s: &Service<'_>, extra_users: usize) {
    let email = "new.hire@example.com";
    let create = [
        "users",
        "create",
        "--email",
        email,
        "--first-name",
        "New",
        "--last-name",
        "Hire",
        "--set",
        "title=Engineer",
        "--group",
        s.group,
    ];
    let created = s.json(&create);
    let id = created["id"].as_str().expect("an id").to_string();
    assert_eq!(created["email"], email);
    assert_eq!(created["provider"], "scim");
    assert_eq!(created["username"], email, "userName defaults to the email");
    assert_eq!(created["extra"]["title"], "Engineer");
    assert!(in_group(&created, s.group), "create --group: {created}");

    assert_eq!(s.json(&["users", "get", &id])["email"], email);
    assert_eq!(
        s.json(&["users", "get", "NEW.HIRE@example.com"])["id"],
        id.as_str()
    );

    let before = (s.count)();
    if s.lists {
        let all = s.listed(&[]);
        assert_eq!(all.len(), before, "every page of {before} users");
        assert!(before > extra_users, "the list spans the added users");
        assert!(all.iter().any(|u| u["id"] == id.as_str()));
        let mut ids: Vec<&str> = all.iter().filter_map(|u| u["id"].as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), before, "no user listed twice");
    } else {
        let out = s.run(&["users", "list"]);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        assert!(stderr(&out).contains("users get"), "{}", stderr(&out));
    }

    let updated = s.json(&["users", "update", &id, "--last-name", "Person"]);
    assert_eq!(updated["last_name"], "Person");
    assert_eq!(s.json(&["users", "get", &id])["last_name"], "Person");
    let ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    let department = format!("{ent}:department=R&D");
    let updated = s.json(&["users", "update", email, "--set", &department]);
    assert_eq!(updated["extra"][ent]["department"], "R&D", "{updated}");
    assert_eq!(updated["last_name"], "Person", "the other attributes stay");

    let removed = s.json(&["users", "update", &id, "--remove-group", s.group]);
    assert!(!in_group(&removed, s.group), "{removed}");
    let added = s.json(&["users", "update", email, "--add-group", s.group]);
    assert!(in_group(&added, s.group), "{added}");

    let out = s.run(&["users", "deactivate", &id, "--yes"]);
    assert_success(&out, &["deactivate"]);
    assert_eq!(s.json(&["users", "get", &id])["status"], "inactive");
    if s.lists {
        let inactive = s.listed(&["--inactive"]);
        assert!(inactive.iter().any(|u| u["id"] == id.as_str()));
        assert!(inactive.iter().all(|u| u["status"] == "inactive"));
    }
    let out = s.run(&["users", "reactivate", &id]);
    assert_success(&out, &["reactivate"]);
    assert_eq!(s.json(&["users", "get", &id])["status"], "active");

    let dup = s.run(&create);
    assert_eq!(code(&dup), 6, "duplicate create: {}", stderr(&dup));

    let out = s.run(&["users", "delete", &id, "--yes"]);
    assert_success(&out, &["delete"]);
    if let Some(w) = s.delete_warning {
        assert!(stderr(&out).contains(w), "{}", stderr(&out));
    }
    let after = s.run(&["users", "get", &id]);
    if s.delete_removes {
        assert_eq!(code(&after), 5, "get after delete: {}", stderr(&after));
        assert_eq!((s.count)(), before - 1);
    } else {
        assert_success(&after, &["get after a delete that deactivates"]);
        assert_eq!((s.count)(), before);
    }

    import_once(s);
}

/// 100 rows imported, then the same file again: exactly 100 new users.
fn import_once(s: &Service<'_>) {
    let mut csv = String::from("email,first_name,last_name,groups\n");
    for i in 0..100 {
        csv.push_str(&format!("row{i}@example.com,Row,Number{i},{}\n", s.group));
    }
    let file = s.env.home().join(format!("{}-rows.csv", s.profile));
    std::fs::write(&file, csv).expect("write the rows");
    let file = file.display().to_string();
    let before = (s.count)();
    let out = s.run(&["-o", "json", "users", "import", &file]);
    if !s.lists {
        // An import first lists who exists; a service that will not list fails every row
        // with the reason, and sends nothing.
        assert_ne!(code(&out), 0);
        let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json rows");
        assert_eq!(rows.len(), 100);
        assert!(
            rows.iter()
                .all(|r| r.to_string().contains("lists users only by a filter")),
            "{}",
            rows[0]
        );
        assert_eq!((s.count)(), before, "nothing was sent");
        return;
    }
    assert_success(&out, &["import"]);
    assert_eq!((s.count)(), before + 100);
    let again = s.run(&["-o", "json", "users", "import", &file]);
    assert_success(&again, &["import again"]);
    assert_eq!((s.count)(), before + 100, "exactly once");
    let member = s.json(&["users", "get", "row99@example.com"]);
    assert!(in_group(&member, s.group), "{member}");
}
