"""Mastodon.py (Debian python3-mastodon) against a Gesso node: every step asserts on Mastodon.py's parsed
results. Run with /usr/bin/python3. See common.py for the protocol with the C++ test."""
import queue

from mastodon import Mastodon, StreamListener

from common import (BASE, IMAGE, LOGIN, PASSWORD, REMOTE, SCOPES, STREAM_TRIES, STREAM_WAIT_S, check, finish, ok,
                    step, wait_for)

state = {}


@step("app")
def _():
    state["client_id"], state["client_secret"] = Mastodon.create_app(
        "Mastodon.py interop", api_base_url=BASE, scopes=SCOPES)
    return state["client_id"]


@step("token", needs=["app"])
def _():
    m = Mastodon(client_id=state["client_id"], client_secret=state["client_secret"], api_base_url=BASE)
    token = m.log_in(LOGIN, PASSWORD, scopes=SCOPES)
    check(token, "an access token")
    state["m"] = m


m = state.get("m")


@step("verify_credentials", needs=["token"])
def _():
    me = m.account_verify_credentials()
    check(me.username == "alice" and me.acct == "alice", f"alice, got {me.acct}")
    check(me.created_at is not None and isinstance(me.source.note, str), "created_at and source.note")
    state["me"] = me
    return me.id


@step("upload", needs=["token"])
def _():
    media = m.media_post(IMAGE, mime_type="image/png", description="A test sketch", synchronous=True)
    check(media.type == "image" and media.url, f"an image with a url, got {media.type} {media.url}")
    check(media.description == "A test sketch", "description")
    state["media"] = media
    return media.id


@step("post", needs=["upload"])
def _():
    status = m.status_post("Hello from Mastodon.py", media_ids=[state["media"]], visibility="public",
                           sensitive=False)
    check("Hello from Mastodon.py" in status.content, "content")
    check(len(status.media_attachments) == 1 and status.media_attachments[0].id == state["media"].id, "attachment")
    state["status"] = status
    return status.id


@step("home", needs=["post"])
def _():
    home = m.timeline_home(limit=20)
    check(any(s.id == state["status"].id for s in home), "the new post in the home timeline")
    return f"{len(home)} statuses"


@step("search_remote", needs=["token"])
def _():
    found = m.search_v2(REMOTE, resolve=True, result_type="accounts")
    remote = next((a for a in found.accounts if a.acct == REMOTE), None)
    check(remote is not None, f"{REMOTE} among {[a.acct for a in found.accounts]}")
    state["remote"] = remote
    return remote.id


@step("follow", needs=["search_remote"])
def _():
    rel = m.account_follow(state["remote"])
    check(rel.id == state["remote"].id and (rel.following or rel.requested), "following or requested")


if ok("follow"):
    wait_for("followed")  # the test delivers the follow, b accepts, and bob follows alice back


@step("relationship", needs=["follow"])
def _():
    [rel] = m.account_relationships(state["remote"])
    check(rel.following and rel.followed_by, f"following both ways, got {rel}")


@step("notification", needs=["follow"])
def _():
    notes = m.notifications(types=["follow"])
    n = next((x for x in notes if x.type == "follow" and x.account.acct == REMOTE), None)
    check(n is not None, f"a follow notification from {REMOTE}")
    return n.id


class Collect(StreamListener):
    def __init__(self):
        self.updates = queue.Queue()

    def on_update(self, status):
        self.updates.put(status)


@step("streaming", needs=["token"])
def _():
    listener = Collect()
    handle = m.stream_user(listener, run_async=True, reconnect_async=False)
    try:
        # Post, wait for the update, and post again if the post came before the stream was set up.
        for attempt in range(1, STREAM_TRIES + 1):
            posted = m.status_post(f"Streamed from Mastodon.py, try {attempt}", visibility="public")
            try:
                while True:
                    status = listener.updates.get(timeout=STREAM_WAIT_S)
                    if status.id == posted.id:
                        return f"{status.id} (try {attempt})"
            except queue.Empty:
                if attempt == STREAM_TRIES:
                    raise AssertionError("our post never arrived on the user stream")
    finally:
        handle.close()


finish()
