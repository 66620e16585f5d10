// Shared by the Node client scripts: environment, step reporting and the dialogue with the C++ test
// (tests/clients/clients_test.cpp, tests/support/client_script.hpp). Step lines are "step NAME: ok DETAIL";
// a failure prints "FAIL NAME: ERROR", and a step whose prerequisite did not pass prints "skip NAME: needs X",
// so one run shows every independent step; finish() exits 1 if anything failed or was skipped. "wait NAME"
// asks the test to act and blocks until it writes a line back on stdin.
import { createInterface } from "node:readline";

export const env = (name) => {
  const value = process.env[name];
  if (!value) fail("setup", new Error(`${name} is not set`));
  return value;
};

export const config = {
  base: () => env("GESSO_BASE"),          // https://127.0.0.1:PORT (the test CA is in NODE_EXTRA_CA_CERTS)
  login: () => env("GESSO_LOGIN"),        // alice's e-mail
  password: () => env("GESSO_PASSWORD"),
  remote: () => env("GESSO_REMOTE"),      // bob@b.test:PORT, an account on the second node
  image: () => env("GESSO_IMAGE"),        // a PNG made by the test
};

export function fail(name, error) {
  const detail = error?.stack ?? String(error);
  const extra = error?.response?.data ? ` response: ${JSON.stringify(error.response.data)}` : "";
  console.log(`FAIL ${name}: ${detail}${extra}`);
  process.exit(1);
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

const passed = new Set();
let incomplete = false;
export const ok = (name) => passed.has(name);

// Runs one step unless a step it `needs` did not pass; `fn` returns a short detail for the log.
export async function step(name, fn, needs = []) {
  const missing = needs.filter((n) => !passed.has(n));
  if (missing.length) {
    console.log(`skip ${name}: needs ${missing.join(", ")}`);
    incomplete = true;
    return;
  }
  try {
    const detail = await fn();
    console.log(`step ${name}: ok${detail ? " " + detail : ""}`);
    passed.add(name);
  } catch (error) {
    const extra = error?.response?.data ? ` response: ${JSON.stringify(error.response.data)}` : "";
    console.log(`FAIL ${name}: ${error?.stack ?? String(error)}${extra}`);
    incomplete = true;
  }
}

export function finish() {
  process.exit(incomplete ? 1 : 0);
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
export async function waitFor(name) {
  console.log(`wait ${name}`);
  const next = await lines.next();
  if (next.done) fail(name, new Error("the test closed stdin"));
}

// Resolves with the first value `next()` yields that satisfies `match`, or rejects after `ms` (a bound on a
// network wait, not a pause: it resolves as soon as the event arrives).
export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const SCOPES = "read write follow push";
export const OOB = "urn:ietf:wg:oauth:2.0:oob";
export const STREAM_WAIT_MS = 10000;
export const STREAM_TRIES = 3;
