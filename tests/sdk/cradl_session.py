"""Cradl's official Python client (PyPI `cradl` 0.6.8) runs a whole session against the sandbox.

Run by tests/cli/sdk/cradl.rs with the Python of the venv `.ci/run` makes. argv[1] is JSON:
`profile` (the `[profiles.cradl]` block `roster sandbox serve --vendor-ports` printed), `mode`
("session" or "until_refused"), and for a session `page_size`, `get_email`, `new_user` and
`renamed`. Prints, as one JSON object on stdout, what the client saw after each step.

Line numbers are of the 0.6.8 sources in the venv's site-packages.
"""

import importlib.metadata
import json
import sys
from urllib.parse import urlsplit

import requests
import requests.adapters
from cradl import Client, Credentials
from cradl.response import (
    BadRequest,
    LimitExceededException,
    NotFound,
    TooManyRequestsException,
)

PINNED = "0.6.8"

# The client's own token endpoint, as Cradl documents it (vendors README).
PUBLIC_AUTH_ENDPOINT = "https://auth.cradl.ai/oauth2/token"


def reroute_to_sandbox(auth_url):
    """THE ONE SHIM: what the sandbox cannot honestly offer is Cradl's public token host.

    The client picks its token flow by the endpoint's host name: only an endpoint naming
    `auth.lucidtech.io`, `auth.cradl.ai` or `kinde.com` gets the documented client-credentials
    form with the audience (credentials.py:95-105); any other is taken for the old Cognito pool
    and sent to `https://{auth_endpoint}/token` with Basic auth (credentials.py:106-110), over
    TLS. So the client is given its real endpoint, `https://auth.cradl.ai/oauth2/token`, and
    this transport hook (the connection, as a hosts file and a TLS terminator would) sends what
    it posts there to the sandbox's plain-HTTP `auth_url` instead; the request itself (method,
    form, audience) is the client's, untouched. The API needs no shim: the client joins its
    paths to any `api_endpoint` (client.py:61). Anything else leaving for a non-local host is
    refused, so the session never touches the network.
    """
    send = requests.adapters.HTTPAdapter.send

    def rerouted(adapter, request, **kwargs):
        if request.url.startswith(PUBLIC_AUTH_ENDPOINT):
            request.url = auth_url + request.url[len(PUBLIC_AUTH_ENDPOINT):]
        host = urlsplit(request.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError(f"the session must not leave the machine: {request.url}")
        return send(adapter, request, **kwargs)

    requests.adapters.HTTPAdapter.send = rerouted


def main():
    session = json.loads(sys.argv[1])
    installed = importlib.metadata.version("cradl")
    if installed != PINNED:
        sys.exit(f"cradl {PINNED} is pinned, the venv has {installed}: rerun .ci/run")
    profile = session["profile"]
    reroute_to_sandbox(profile["auth_url"])
    credentials = Credentials(
        client_id=profile["client_id"],
        client_secret=profile["client_secret"],
        auth_endpoint=PUBLIC_AUTH_ENDPOINT,
        # The documented form has no trailing slash (`https://api.cradl.ai/v1`): paths are
        # appended as `/users` (client.py:61).
        api_endpoint=profile["base_url"].rstrip("/"),
    )
    client = Client(credentials)
    seen = {"sdk": f"cradl {installed}"}
    if session["mode"] == "until_refused":
        seen.update(until_refused(client))
    else:
        seen.update(whole_session(client, session))
    json.dump(seen, sys.stdout)


def whole_session(client, session):
    seen = {}
    # Authenticate: the token must be a JWT with the claims the client checks, or it retries
    # and gives up (credentials.py:112-123).
    token = client.credentials.access_token
    seen["token_parts"] = len(token.split("."))

    # List past several pages, following `nextToken`.
    listed = every_page(client.list_users, "users", session["page_size"])
    seen["listed"] = listed

    # A user object carries no email; it lives on the profile (vendors README). This client has
    # no method for `/profiles/{id}`, so the lookups go through its own signed request
    # (`Client._make_request`, client.py:43-75): its token, its headers, its error decoding.
    seen["emails"] = {
        u["userId"]: client._make_request(requests.get, f"/profiles/{u['profileId']}")["email"]
        for u in listed
    }

    # Get one, by the id the listing gave.
    wanted = next(i for i, e in seen["emails"].items() if e == session["get_email"])
    seen["got"] = client.get_user(wanted)

    # Create, and create again: a duplicate is a 400 (response.py:27-28).
    new_user = session["new_user"]
    created = client.create_user(new_user["email"], name=new_user["name"])
    seen["created"] = created
    seen["created_email"] = client._make_request(
        requests.get, f"/profiles/{created['profileId']}"
    )["email"]
    try:
        client.create_user(new_user["email"], name=new_user["name"])
        seen["duplicate"] = None
    except BadRequest as e:
        seen["duplicate"] = str(e)

    # Update a name; delete (the answer is the user as it was); look again.
    seen["updated"] = client.update_user(created["userId"], **session["renamed"])
    seen["deleted"] = client.delete_user(created["userId"])
    try:
        client.get_user(created["userId"])
        seen["then_get"] = None
    except NotFound as e:
        seen["then_get"] = type(e).__name__

    # List roles.
    seen["roles"] = every_page(client.list_roles, "roles", None)

    # Logout: the client has none. It holds the token in memory only (no `cached_profile`,
    # credentials.py:73-89), and client credentials have no refresh token to revoke.
    seen["logout"] = None
    return seen


def until_refused(client):
    """List until the sandbox refuses for good; which refusal the client raised.

    The client tells the per-second throttle (`Too Many Requests`) from the monthly cap (`Limit
    Exceeded`) by the 429's message (response.py:36-40), and backs off on the first only, four
    tries in all (client.py:43); the cap is raised at once.
    """
    served = 0
    # Bounded: the test's limits are a handful of requests.
    for _ in range(50):
        try:
            client.list_users(max_results=1)
        except (LimitExceededException, TooManyRequestsException) as e:
            return {"served": served, "refused": type(e).__name__}
        served += 1
    return {"served": served, "refused": None}


def every_page(list_fn, key, page_size):
    items, token = [], None
    # Bounded: far more pages than the sandbox holds.
    for _ in range(1000):
        page = list_fn(max_results=page_size, next_token=token)
        items.extend(page[key])
        token = page.get("nextToken")
        if not token:
            return items
    raise RuntimeError("nextToken never ran out")


if __name__ == "__main__":
    main()
