"""Bleemeo's official Python client (PyPI `bleemeo` 0.10.0) runs a whole session against the sandbox.

Run by tests/cli/sdk/bleemeo.rs with the Python of the venv `.ci/run` makes. argv[1] is JSON:
`profile` (the `[profiles.bleemeo]` block `roster sandbox serve --vendor-ports` printed), `mode`
("session" or "until_throttled"), and for a session `page_size` and `fields` (of the listing),
`get_email` (a user to fetch by id), `new_user` and `renamed` (what to create and then change).
Prints, as one JSON object on stdout, what the client saw after each step.

No shim: the client takes any `api_url` and joins its paths to the host root
(bleemeo/client.py:175-190; bleemeo/_authenticator.py:64 and :128 for /o/token/ and
/o/revoke_token/), which is exactly how `--vendor-ports` serves each vendor. Line numbers are of
the 0.10.0 sources in the venv's site-packages.
"""

import importlib.metadata
import json
import sys

import requests
from bleemeo import (
    AuthenticationError,
    BadRequestError,
    Client,
    Resource,
    ResourceNotFoundError,
    ThrottleError,
)

PINNED = "0.10.0"


def main():
    session = json.loads(sys.argv[1])
    installed = importlib.metadata.version("bleemeo")
    if installed != PINNED:
        sys.exit(f"bleemeo {PINNED} is pinned, the venv has {installed}: rerun .ci/run")
    profile = session["profile"]
    api_url = profile["base_url"]
    client = Client(
        api_url=api_url,
        account_id=profile["account_id"],
        username=profile["username"],
        password=profile["password"],
    )
    seen = {"sdk": f"bleemeo {installed}"}
    if session["mode"] == "until_throttled":
        seen.update(until_throttled(client))
    else:
        seen.update(whole_session(client, session))
    json.dump(seen, sys.stdout)


def whole_session(client, session):
    profile = session["profile"]
    api_url = profile["base_url"]
    seen = {}

    # Authenticate: the password grant at /o/token/ (_authenticator.py:97-121).
    access, refresh = client.tokens

    # List past several pages: `iterate` would ask for 2500 a page (client.py:398), one page
    # here, so the session asks for fewer. It sends `fields=` on the first page only and follows
    # the `next` links for the rest (client.py:382-409), so every page shows just those fields
    # only if the sandbox's links keep the query, as DRF's do.
    params = {"page_size": session["page_size"], "fields": ",".join(session["fields"])}
    listed = list(client.iterate(Resource.USER, params=params))
    seen["listed"] = listed
    # `count` asks for `page_size=0` (client.py:378), which DRF takes for its default size.
    seen["count"] = client.count(Resource.USER)

    # Get one, by the id the listing gave.
    wanted = next(u for u in listed if u["email"] == session["get_email"])
    seen["got"] = client.get(Resource.USER, wanted["id"]).json()

    # Renew: the access token is revoked (RFC 7009 allows revoking either token); the next call
    # meets a 401, and the client fetches a new token with its refresh token and retries once
    # (client.py:219-220, _authenticator.py:66-90).
    revoke = requests.post(
        f"{api_url}/o/revoke_token/",
        data={
            "token": access,
            "token_type_hint": "access_token",
            "client_id": client.oauth_client_id,
        },
        timeout=10,
    )
    revoke.raise_for_status()
    again = client.get(Resource.USER, wanted["id"]).json()
    seen["renewed"] = {
        "same_user": again["id"] == wanted["id"],
        "new_tokens": client.tokens != (access, refresh),
    }

    # Create, and create again: a duplicate is a 400 with the field's errors (exceptions.py:48-67).
    created = client.create(Resource.USER, session["new_user"])
    seen["created"] = {"status": created.status_code, "user": created.json()}
    user_id = created.json()["id"]
    try:
        client.create(Resource.USER, session["new_user"])
        seen["duplicate"] = {"status": None}
    except BadRequestError as e:
        seen["duplicate"] = {"status": e.response.status_code, "fields": e.error_fields}

    # Update a name.
    updated = client.update(Resource.USER, user_id, session["renamed"])
    seen["updated"] = {"status": updated.status_code, "user": updated.json()}

    # Delete, then look again.
    deleted = client.delete(Resource.USER, user_id)
    seen["deleted"] = {"status": deleted.status_code, "then_get": outcome(
        lambda: client.get(Resource.USER, user_id)
    )}

    # List roles: Bleemeo has no role endpoint; its two roles are the `is_admin` and
    # `is_manager` flags every user carries (vendors README), read from the listing.
    seen["roles"] = {
        role: sorted(u["id"] for u in listed if u[f"is_{role}"])
        for role in ("admin", "manager")
    }

    # Logout: the refresh token is revoked at /o/revoke_token/ (_authenticator.py:123-154).
    access, refresh = client.tokens
    client.logout()
    # Neither token works any more: the refresh token no longer refreshes, and the access token
    # issued with it is refused with a 401 whose body the client reads (exceptions.py:187-212).
    by_refresh = Client(
        api_url=api_url,
        account_id=profile["account_id"],
        oauth_initial_refresh_token=refresh,
    )
    by_access = Client(
        api_url=api_url,
        account_id=profile["account_id"],
        use_external_authorization=True,
        custom_headers={"Authorization": f"Bearer {access}"},
    )
    seen["logout"] = {
        "refresh_after": outcome(lambda: by_refresh.tokens),
        "access_after": outcome(lambda: by_access.get_page(Resource.USER, page_size=1)),
    }
    return seen


def until_throttled(client):
    """List until the sandbox throttles; the wait the client read from `Retry-After`.

    A wait longer than `throttle_max_auto_retry_delay` (60 s by default) is raised at once
    rather than slept (client.py:288-299), with the header's seconds (exceptions.py:101-118).
    """
    served = 0
    # Bounded: the test's limit is a request or two.
    for _ in range(50):
        try:
            client.get_page(Resource.USER, page_size=1)
        except ThrottleError as e:
            return {"served": served, "delay_seconds": e.delay_seconds,
                    "retry_after": e.response.headers.get("Retry-After")}
        served += 1
    return {"served": served, "delay_seconds": None}


def outcome(call):
    """What a call the session expects to fail raised: its class, status and message."""
    try:
        call()
    except (AuthenticationError, ResourceNotFoundError) as e:
        return {"error": type(e).__name__, "status": e.response.status_code, "message": str(e)}
    return {"error": None}


if __name__ == "__main__":
    main()
