#!/usr/bin/env node
// Independent interop check of a Gesso node's identity surface, using Fedify
// (a third-party ActivityPub implementation) as the client.
// Usage: node check-identity.mjs <baseUrl> <username>
//   e.g. node check-identity.mjs http://127.0.0.1:41234 alice
import {
  CryptographicKey, getDocumentLoader, getNodeInfo, lookupObject,
  lookupWebFinger, Object as ASObject, OrderedCollection, Person,
} from "@fedify/fedify";

const [baseArg, username] = process.argv.slice(2);
if (!baseArg || !username) {
  console.error("usage: node check-identity.mjs <baseUrl> <username>");
  process.exit(2);
}
const base = new URL(baseArg);
const TIMEOUT_MS = 5_000; // per HTTP request; the whole run is capped at 60s below

// --- Network guard -------------------------------------------------------
// Fedify uses the global fetch(). Only loopback hosts may be contacted; all
// else fails loudly (this machine is offline, and JSON-LD contexts must come
// from Fedify's preloaded set). Fedify's lookupWebFinger() always uses https
// for acct: resources, so when the node runs with plain http we downgrade
// https requests to exactly the node's own host:port.
const isLoopback = (h) => h === "localhost" || h === "[::1]" || /^127\./.test(h);
const blocked = [];
const contentTypes = new Map(); // request URL -> response Content-Type
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const req = new Request(input, init);
  const url = new URL(req.url);
  if (!isLoopback(url.hostname)) {
    blocked.push(url.href);
    console.error(`!! blocked non-loopback fetch: ${url.href}`);
    throw new Error(`offline: refusing to fetch non-loopback URL ${url.href}`);
  }
  if (base.protocol === "http:" && url.protocol === "https:" && url.host === base.host) {
    url.protocol = "http:";
  }
  const res = await realFetch(url, {
    method: req.method, headers: req.headers, redirect: req.redirect,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  contentTypes.set(url.href, res.headers.get("content-type"));
  return res;
};

// Documents may come from loopback (allowPrivateAddress); JSON-LD contexts
// only from Fedify's preloaded contexts (the private-address ban plus the
// fetch guard make any other context fail).
const documentLoader = getDocumentLoader({ allowPrivateAddress: true });
const preloaded = getDocumentLoader();
const contextMisses = [];
const contextLoader = async (url) => {
  try {
    return await preloaded(url);
  } catch (e) {
    contextMisses.push(url);
    throw new Error(`JSON-LD context ${url} is not preloaded by Fedify (${e.message})`);
  }
};
const lookupOpts = { documentLoader, contextLoader, allowPrivateAddress: true };

// --- Reporting -----------------------------------------------------------
let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok ${name}`);
  } catch (e) {
    failed++;
    const why = (e?.message ?? String(e)) + (e?.cause ? ` (${e.cause.message ?? e.cause})` : "");
    console.log(`FAIL ${name}: ${why.replace(/\s+/g, " ")}`);
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }
const show = (v) => JSON.stringify(v instanceof URL ? v.href : v);
function sameHost(name, url) {
  expect(url instanceof URL, `${name} missing`);
  expect(url.origin === base.origin, `${name} ${url.href} is not on ${base.origin}`);
}

// lookupObject() swallows errors and returns null; on null, redo the two
// steps by hand so the failure line says why.
async function fetchObject(url) {
  const obj = await lookupObject(url, lookupOpts);
  if (obj != null) return obj;
  const doc = await documentLoader(url.href); // throws FetchError with status
  await ASObject.fromJsonLd(doc.document, { documentLoader, contextLoader });
  throw new Error(`lookupObject(${url.href}) returned null`);
}

const watchdog = setTimeout(() => {
  console.log(`FAIL watchdog: checks did not finish within 60s\n${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, 60_000);
watchdog.unref();

// --- 1. WebFinger ----------------------------------------------------------
const acct = `acct:${username}@${base.host}`;
let actorUrl = new URL(`/users/${encodeURIComponent(username)}`, base); // fallback only
await check("webfinger", async () => {
  const jrd = await lookupWebFinger(acct, { allowPrivateAddress: true });
  expect(jrd != null, `lookupWebFinger(${acct}) returned null (not found, non-2xx or not JSON)`);
  expect(jrd.subject === acct, `subject is ${show(jrd.subject)}, want ${show(acct)}`);
  const self = (jrd.links ?? []).find((l) => l.rel === "self" &&
    (l.type === "application/activity+json" ||
      /^application\/ld\+json;\s*profile="https:\/\/www.w3.org\/ns\/activitystreams"/.test(l.type ?? "")));
  expect(self?.href, `no rel=self link of type application/activity+json: ${show(jrd.links)}`);
  actorUrl = new URL(self.href);
  sameHost("self link", actorUrl);
  const ct = [...contentTypes].find(([u]) => u.includes("/.well-known/webfinger"))?.[1] ?? "";
  expect(/^application\/(jrd\+)?json\b/.test(ct), `JRD served as ${show(ct)}, want application/jrd+json`);
});

// --- 2. Actor --------------------------------------------------------------
let actor = null;
await check("actor-fetch", async () => {
  const obj = await fetchObject(actorUrl);
  expect(obj instanceof Person, `actor parsed as ${obj?.constructor?.name}, want Person`);
  expect(obj.id?.href === actorUrl.href, `actor id ${show(obj.id)} != ${actorUrl.href}`);
  actor = obj;
  const ct = contentTypes.get(actorUrl.href) ?? "";
  expect(/^application\/(activity\+json|ld\+json\s*;\s*profile="https:\/\/www.w3.org\/ns\/activitystreams")/.test(ct),
    `actor served as ${show(ct)}, want application/activity+json`);
});
await check("webfinger-handle", async () => {
  const obj = await lookupObject(`@${username}@${base.host}`, lookupOpts);
  expect(obj instanceof Person, `lookupObject(@${username}@${base.host}) gave ${obj?.constructor?.name ?? "null"}`);
  expect(obj.id?.href === actorUrl.href, `handle resolved to ${show(obj.id)}, want ${actorUrl.href}`);
});
const needActor = () => expect(actor, "actor not available");
await check("actor-username", () => {
  needActor();
  expect(actor.preferredUsername?.toString() === username,
    `preferredUsername ${show(actor.preferredUsername?.toString())}, want ${show(username)}`);
});
await check("actor-endpoints", () => {
  needActor();
  sameHost("inbox", actor.inboxId);
  sameHost("outbox", actor.outboxId);
  sameHost("followers", actor.followersId);
  sameHost("following", actor.followingId);
  sameHost("endpoints.sharedInbox", actor.endpoints?.sharedInbox);
});
await check("actor-flags", () => {
  needActor();
  for (const k of ["manuallyApprovesFollowers", "discoverable", "indexable"]) {
    expect(typeof actor[k] === "boolean", `${k} is ${show(actor[k])}, want a boolean`);
  }
});
await check("actor-public-key", async () => {
  needActor();
  const key = await actor.getPublicKey({ documentLoader, contextLoader });
  expect(key instanceof CryptographicKey, `getPublicKey() gave ${key?.constructor?.name ?? "null"}`);
  expect(key.id != null && key.id.href.startsWith(actorUrl.href), `key id ${show(key.id)} not under actor`);
  expect(key.ownerId?.href === actorUrl.href, `key owner ${show(key.ownerId)}, want ${actorUrl.href}`);
  const pk = key.publicKey;
  expect(pk != null && pk.type === "public", "publicKeyPem did not import as a public CryptoKey");
  expect(pk.algorithm.name === "RSASSA-PKCS1-v1_5", `key algorithm ${pk.algorithm.name}, want RSA`);
  expect(pk.algorithm.modulusLength === 2048, `RSA modulus ${pk.algorithm.modulusLength} bits, want 2048`);
});

// --- 3. NodeInfo -----------------------------------------------------------
await check("nodeinfo", async () => {
  const info = await getNodeInfo(base, { parse: "strict" });
  if (info == null) {
    const raw = await getNodeInfo(base, { parse: "none" });
    throw new Error(raw == null ? "could not fetch /.well-known/nodeinfo or the linked document"
      : `document is not strictly valid NodeInfo: ${JSON.stringify(raw).slice(0, 300)}`);
  }
  expect(info.software.name === "gesso", `software.name ${show(info.software.name)}, want "gesso"`);
  expect(info.protocols.includes("activitypub"), `protocols ${show(info.protocols)} lack activitypub`);
});

// --- 4. Collections --------------------------------------------------------
for (const coll of ["outbox", "followers", "following"]) {
  await check(`collection-${coll}`, async () => {
    needActor();
    const id = actor[`${coll}Id`];
    expect(id, `actor has no ${coll}`);
    const obj = await fetchObject(id);
    expect(obj instanceof OrderedCollection, `${coll} parsed as ${obj?.constructor?.name}, want OrderedCollection`);
    expect(typeof obj.totalItems === "number", `${coll} totalItems is ${show(obj.totalItems)}, want a number`);
  });
}

// --- 5. Offline / context hygiene -----------------------------------------
await check("offline", () => {
  expect(contextMisses.length === 0, `non-preloaded JSON-LD contexts: ${[...new Set(contextMisses)].join(", ")}`);
  expect(blocked.length === 0, `attempted non-loopback fetches: ${[...new Set(blocked)].join(", ")}`);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
