//! The scenario against scim2-server (PyPI 0.8.3), a SCIM server nobody here wrote: skipped
//! with a message when it is not installed, mandatory under `CI=1`.

use std::process::{Command, Stdio};

use reqwest::Client;
use serde_json::{json, Value};

use super::scenario::{run, Service};
use crate::common::Env;
use crate::scim_server::{free_port, scim2_server, wait_until_up, Killed, TOKEN};

const EXTRA_USERS: usize = 230;

#[test]
fn the_scenario_against_scim2_server() {
    let Some(program) = scim2_server() else {
        let in_ci =
            std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
        assert!(
            !in_ci,
            "CI must run the SCIM interop test: set ROSTER_SCIM2_SERVER or run .ci/run"
        );
        eprintln!(
            "skipped: scim2-server not found (set ROSTER_SCIM2_SERVER=/path/to/scim2-server)"
        );
        return;
    };
    let port = free_port();
    let child = Command::new(&program)
        .args(["--hostname", "127.0.0.1", "--port", &port.to_string()])
        .args(["--bearer-token", TOKEN])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    let _server = Killed(child);
    let base = format!("http://127.0.0.1:{port}/v2");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let http = Client::builder().no_proxy().build().expect("client");
    rt.block_on(async {
        wait_until_up(&http, &base).await;
        for i in 0..EXTRA_USERS {
            post(
                &http,
                &base,
                "Users",
                json!({
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                    "userName": format!("bulk{i}@example.com"),
                    "emails": [{"value": format!("bulk{i}@example.com"), "primary": true}],
                    "active": true,
                }),
            )
            .await;
        }
        post(
            &http,
            &base,
            "Groups",
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                "displayName": "Engineering",
            }),
        )
        .await;
    });
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.interop]\nprovider = \"scim\"\nbase_url = \"{base}\"\ntoken = \"{TOKEN}\"\n\
         rate_limit = \"200/s\"\n"
    ));
    let count = || {
        rt.block_on(async {
            let answer: Value = http
                .get(format!("{base}/Users?count=0"))
                .bearer_auth(TOKEN)
                .send()
                .await
                .expect("count users")
                .json()
                .await
                .expect("a list answer");
            answer["totalResults"].as_u64().expect("totalResults") as usize
        })
    };
    let service = Service {
        env: &env,
        profile: "interop",
        lists: true,
        delete_removes: true,
        delete_warning: None,
        group: "Engineering",
        count: &count,
    };
    run(&service, EXTRA_USERS);
}

async fn post(http: &Client, base: &str, endpoint: &str, body: Value) {
    let answer = http
        .post(format!("{base}/{endpoint}"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/scim+json")
        .body(body.to_string())
        .send()
        .await
        .expect("seed scim2-server");
    assert!(answer.status().is_success(), "seeding: {}", answer.status());
}
