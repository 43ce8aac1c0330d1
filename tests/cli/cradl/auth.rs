//! Cradl's token request as the official client makes it: the documented audience, JWTs.

use roster::sandbox::cradl::DOCUMENTED_AUDIENCE as DOCUMENTED;
use serde_json::Value;

use super::{cradl, route, run, SEEDED, TOKEN_ROUTE};
use crate::common::{code, stderr, Env};

fn cache_file(env: &Env) -> std::path::PathBuf {
    env.home().join("xdg-cache/roster/tokens/cradl.json")
}

/// The sandbox's cradl profile with `line` added.
fn with_profile_line(env: &Env, line: &str) {
    let text = std::fs::read_to_string(&env.config).unwrap();
    let table = "[profiles.cradl]\n";
    assert!(text.contains(table), "{text}");
    env.write_config(&text.replacen(table, &format!("{table}{line}\n"), 1));
}

#[test]
fn the_documented_audience_is_asked_for_whatever_the_base_url() {
    // The official client sends `audience=https://api.cradl.ai/v1` whatever its API endpoint
    // (cradl 0.6.8 credentials.py:103); the sandbox, served on 127.0.0.1, accepts only that.
    let env = Env::new();
    assert_eq!(
        cradl(&env, &["users", "list"]).as_array().map(Vec::len),
        Some(SEEDED)
    );
    assert_eq!(route(&env, TOKEN_ROUTE), 1);
    let audience = env.sandbox.with_state(|s| s.cradl.audience.clone());
    assert_eq!(audience, DOCUMENTED);
}

#[test]
fn a_profile_can_name_another_audience() {
    let env = Env::new();
    let tenant = "https://tenant.example/v1";
    with_profile_line(&env, &format!("audience = \"{tenant}\""));
    // The token endpoint refuses what the client is not authorized for: exit 4, saying so.
    let out = run(&env, &["users", "list"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("not authorized for the audience"), "{err}");
    assert!(err.contains(tenant), "{err}");
    // Where that tenant's audience is the one configured, it works.
    env.sandbox.with_state(|s| s.cradl.audience = tenant.into());
    assert_eq!(
        cradl(&env, &["users", "list"]).as_array().map(Vec::len),
        Some(SEEDED)
    );
}

#[test]
fn the_jwt_is_kept_opaque_and_a_forged_one_is_renewed_after_the_403() {
    let env = Env::new();
    cradl(&env, &["users", "list"]);
    let file = cache_file(&env);
    let mut cache: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let token = cache["token"]["access"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(token.split('.').count(), 3, "a JWT: {token}");
    // Break the signature: the sandbox checks it on every request, as API Gateway does.
    let (signed, _) = token.rsplit_once('.').unwrap();
    cache["token"]["access"] = Value::from(format!("{signed}.AAAA"));
    std::fs::write(&file, serde_json::to_vec(&cache).unwrap()).unwrap();
    assert_eq!(
        cradl(&env, &["users", "list"]).as_array().map(Vec::len),
        Some(SEEDED)
    );
    assert_eq!(route(&env, TOKEN_ROUTE), 2, "refused once, renewed once");
    assert_eq!(env.sandbox.stats().by_route["GET /cradl/users"], 3);
}
