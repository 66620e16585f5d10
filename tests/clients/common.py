"""Shared by the Python client scripts (Mastodon.py, toot): environment, step reporting and the dialogue with
the C++ test (tests/clients/clients_test.cpp). Step lines are "step NAME: ok DETAIL"; a failure prints
"FAIL NAME: ERROR" with the traceback, and a step whose prerequisite did not pass prints "skip NAME: needs X",
so one run shows every independent step; finish() exits 1 if anything failed or was skipped. "wait NAME" asks
the test to act and blocks until it writes a line back on stdin."""
import os
import sys
import traceback

STREAM_WAIT_S = 10
STREAM_TRIES = 3
SCOPES = ["read", "write", "follow", "push"]


def env(name):
    value = os.environ.get(name)
    if not value:
        fail("setup", f"{name} is not set")
    return value


BASE = env("GESSO_BASE")          # https://127.0.0.1:PORT (the test CA is in REQUESTS_CA_BUNDLE)
LOGIN = env("GESSO_LOGIN")        # alice's e-mail
PASSWORD = env("GESSO_PASSWORD")
REMOTE = env("GESSO_REMOTE")      # bob@b.test:PORT, an account on the second node
IMAGE = env("GESSO_IMAGE")        # a PNG made by the test


def fail(name, detail):
    print(f"FAIL {name}: {detail}", flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        raise AssertionError(f"check failed: {message}")


PASSED = set()
INCOMPLETE = []


def ok(name):
    return name in PASSED


def step(name, needs=()):
    """Decorator: runs the function now as step NAME unless a step it needs did not pass; its return value is
    the detail logged."""
    def run(fn):
        missing = [n for n in needs if n not in PASSED]
        if missing:
            print(f"skip {name}: needs {', '.join(missing)}", flush=True)
            INCOMPLETE.append(name)
            return None
        try:
            detail = fn()
        except SystemExit:
            raise
        except BaseException:
            print(f"FAIL {name}: {traceback.format_exc()}", flush=True)
            INCOMPLETE.append(name)
            return None
        print(f"step {name}: ok" + (f" {detail}" if detail else ""), flush=True)
        PASSED.add(name)
        return detail
    return run


def finish():
    sys.exit(1 if INCOMPLETE else 0)


def wait_for(name):
    print(f"wait {name}", flush=True)
    if not sys.stdin.readline():
        fail(name, "the test closed stdin")
