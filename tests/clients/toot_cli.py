"""Debian's toot (CLI) against a Gesso node. Each step runs the toot command a person would type, checks what it
printed, and reads the result back through toot's own config and API module (toot.config, toot.api), i.e. as
toot parsed it. toot has no streaming API, so there is no streaming step. Run with /usr/bin/python3; the test
sets XDG_CONFIG_HOME to a scratch directory, so toot's config.json is written there. See common.py for the
protocol with the C++ test."""
import subprocess
from urllib.parse import urlparse

from common import BASE, IMAGE, LOGIN, PASSWORD, REMOTE, check, finish, ok, step, wait_for

INSTANCE = urlparse(BASE).netloc  # 127.0.0.1:PORT; toot adds https:// itself
TOOT = "/usr/bin/toot"
TOOT_TIMEOUT_S = 60
state = {}


def toot(*args, stdin=None):
    """Runs toot; returns its output, or raises with everything it printed."""
    run = subprocess.run([TOOT, *args, "--no-color"], input=stdin, capture_output=True, text=True,
                         timeout=TOOT_TIMEOUT_S)
    if run.returncode != 0:
        raise RuntimeError(f"toot {' '.join(args)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
    return run.stdout


@step("app")
def _():
    # login_cli registers the app (POST /api/v1/apps), then asks for the password (read from stdin here, as
    # there is no terminal) and gets a token with the password grant.
    out = toot("login_cli", "--instance", INSTANCE, "--email", LOGIN, stdin=PASSWORD + "\n")
    check("Successfully logged in" in out, f"login message, got {out!r}")
    from toot import config
    state["user"], state["app"] = config.get_active_user_app()
    check(state["app"] is not None and state["app"].client_id, "an app in toot's config")
    return state["app"].client_id


@step("token", needs=["app"])
def _():
    user = state["user"]
    check(user is not None and user.access_token and user.username == "alice", f"alice's token, got {user}")


from toot import api, http  # noqa: E402  (after login: toot reads its config lazily)

app, user = state.get("app"), state.get("user")


@step("verify_credentials", needs=["token"])
def _():
    out = toot("whoami")
    check("@alice" in out, f"whoami shows @alice, got {out!r}")
    me = api.verify_credentials(app, user)
    check(me["username"] == "alice" and "created_at" in me, "alice's account")
    return me["id"]


@step("upload", needs=["token"])
def _():
    out = toot("upload", IMAGE, "--description", "A test sketch")
    check("Successfully uploaded media ID" in out and "type 'image'" in out, f"upload output {out!r}")
    url = next((line.split(": ", 1)[1].strip() for line in out.splitlines() if line.startswith("URL:")), "")
    check(url.startswith("https://"), f"a media url in {out!r}")
    return url


@step("post", needs=["upload"])
def _():
    out = toot("post", "Hello from toot", "--media", IMAGE, "--description", "A test sketch")
    url = next((w for w in out.split() if w.startswith("https://")), None)
    check(url, f"a status url in {out!r}")
    status_id = url.rstrip("/").rsplit("/", 1)[-1]
    status = api.single_status(app, user, status_id)
    check("Hello from toot" in status["content"], "content")
    media = status["media_attachments"]
    check(len(media) == 1 and media[0]["type"] == "image" and media[0]["url"], "one image attachment with a url")
    check(media[0]["description"] == "A test sketch", "description")
    state["status_id"] = status_id
    return status_id


@step("home", needs=["post"])
def _():
    out = toot("timeline", "--once")
    check("Hello from toot" in out, f"the post in `toot timeline`, got {out[:500]!r}")
    page = next(api.home_timeline_generator(app, user, limit=20))
    check(any(s["id"] == state["status_id"] for s in page), "the post in the home timeline")
    return f"{len(page)} statuses"


@step("search_remote", needs=["token"])
def _():
    found = api.search(app, user, REMOTE, resolve=True, type="accounts")
    remote = next((a for a in found["accounts"] if a["acct"] == REMOTE), None)
    check(remote, f"{REMOTE} among {[a['acct'] for a in found['accounts']]}")
    state["remote"] = remote
    return remote["id"]


@step("follow", needs=["search_remote"])
def _():
    out = toot("follow", REMOTE)
    check("You are now following" in out, f"follow output {out!r}")


if ok("follow"):
    wait_for("followed")  # the test delivers the follow, b accepts, and bob follows alice back


@step("relationship", needs=["follow"])
def _():
    [rel] = http.get(app, user, "/api/v1/accounts/relationships", {"id[]": [state["remote"]["id"]]}).json()
    check(rel["following"] and rel["followed_by"], f"following both ways, got {rel}")


@step("notification", needs=["follow"])
def _():
    out = toot("notifications")
    check(REMOTE in out, f"{REMOTE} in `toot notifications`, got {out[:500]!r}")
    notes = api.get_notifications(app, user)
    n = next((x for x in notes if x["type"] == "follow" and x["account"]["acct"] == REMOTE), None)
    check(n, f"a follow notification from {REMOTE}")
    return n["id"]


finish()
