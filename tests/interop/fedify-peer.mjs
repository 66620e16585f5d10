#!/usr/bin/env node
// A small but real Fedify (@fedify/fedify 1.5) ActivityPub server, used as the third-party peer of
// fedify_peer_test.cpp. It serves one actor over HTTPS, verifies everything it receives the way Fedify does,
// and records what it saw so the C++ test can ask.
//
// Usage: node fedify-peer.mjs --host b.test --cert cert.pem --key key.pem --log peer.log [--user bob]
// Environment: NODE_EXTRA_CA_CERTS=<test CA> so that Node trusts the Gesso node's certificate.
// Prints "listening PORT" on stdout once ready, then nothing more on stdout (the log goes to --log).
//
// Every host name ending in ".test" resolves to 127.0.0.1 (the test's resolver override), so Fedify reaches
// the Gesso node by its name over real TLS, exactly as across the internet.
//
// Test control endpoints (JSON in, JSON out; not part of ActivityPub):
//   POST /_test/follow   {"handle": "alice@a.test:PORT"}  WebFinger + signed actor fetch, then Follow
//   POST /_test/unfollow {"actor": "https://..."}           Undo(Follow) of an earlier follow
//   POST /_test/post     {"content": "<p>..</p>", "inReplyTo"?: "https://..."}
//                                                           Create(Note) to our followers (public)
//   POST /_test/update   {"note": "<id>", "content": ".."}    Update(Note) to our followers
//   POST /_test/delete   {"note": "<id>"}                     Delete(Tombstone) to our followers
//   POST /_test/like     {"object": "https://..."}          fetch the post (signed), Like it to its author
//   POST /_test/undo     {"activity": "<id of our Like>"}   Undo it, to the same recipient
//   POST /_test/collection {"url": "https://..."}           read a collection and its pages (signed GETs)
//   GET  /_test/state                                        what was received, verified and fetched
import dns from "node:dns";
import fs from "node:fs";
import https from "node:https";
import { parseArgs } from "node:util";

// Fedify's own Temporal polyfill (a pinned dependency of @fedify/fedify in package-lock.json): Node 20 has no
// global Temporal, and Fedify checks `published` against this class.
import { Temporal } from "@js-temporal/polyfill";

import {
  Accept, Activity, Collection, Create, createFederation, Delete, Endpoints, Follow, generateCryptoKeyPair, Like,
  lookupObject, MemoryKvStore, Note, Person, PUBLIC_COLLECTION, Tombstone, Undo, Update, verifyObject,
  verifyRequest,
} from "@fedify/fedify";

const { values: opts } = parseArgs({
  options: {
    host: { type: "string" }, cert: { type: "string" }, key: { type: "string" },
    log: { type: "string" }, user: { type: "string", default: "bob" },
    "max-seconds": { type: "string", default: "120" },
  },
});
if (!opts.host || !opts.cert || !opts.key || !opts.log) {
  console.error("usage: fedify-peer.mjs --host HOST --cert FILE --key FILE --log FILE [--user NAME]");
  process.exit(2);
}
const USER = opts.user;
const logFile = fs.openSync(opts.log, "a");
const log = (...parts) => fs.writeSync(logFile, `${new Date().toISOString()} ${parts.join(" ")}\n`);

// Limits: the peer never outlives its test (orphaned or hung), and no control call waits forever.
const MAX_LIFETIME_MS = Number(opts["max-seconds"]) * 1000;
const CONTROL_TIMEOUT_MS = 20_000;
const MAX_CONTROL_BODY = 64 * 1024;
const MAX_INBOX_BODY = 1024 * 1024;
const MAX_COLLECTION_PAGES = 10;
setTimeout(() => { log("lifetime limit reached, exiting"); process.exit(3); }, MAX_LIFETIME_MS).unref();
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(4); }, 500).unref();

// --- Resolver override: *.test -> 127.0.0.1 (Node's net/tls, and so fetch(), look names up here) ---------
const realLookup = dns.lookup;
dns.lookup = (hostname, options, callback) => {
  if (typeof options === "function") [options, callback] = [{}, options];
  if (typeof options === "number") options = { family: options };
  if (/\.test$/i.test(hostname)) {
    return process.nextTick(() => options?.all
      ? callback(null, [{ address: "127.0.0.1", family: 4 }])
      : callback(null, "127.0.0.1", 4));
  }
  return realLookup(hostname, options, callback);
};
// Nothing may leave loopback: this runs offline, and JSON-LD contexts must come from Fedify's preloaded set.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!/\.test$/i.test(url.hostname) && !/^127\./.test(url.hostname)) {
    log("BLOCKED fetch", url.href);
    state.blockedFetches.push(url.href);
    throw new Error(`offline: refusing ${url.href}`);
  }
  const request = new Request(input, init);
  if (request.method !== "POST") return realFetch(request);
  // Deliveries: what Fedify sent (with or without an Object Integrity Proof) and what the inbox answered.
  let json = null;
  try { json = JSON.parse(await request.clone().text()); } catch { /* not JSON: recorded as such */ }
  const response = await realFetch(request);
  const entry = {
    inbox: url.href, activity: json?.id ?? null, type: json?.type ?? null, proof: json?.proof != null,
    signed: request.headers.has("signature"), status: response.status,
  };
  state.sent.push(entry);
  log("sent", JSON.stringify(entry));
  return response;
};

// --- What the test can observe ---------------------------------------------------------------------------
const state = {
  received: [],       // activities our inbox listeners were given (Fedify verified them first)
  inboxPosts: [],     // every POST to an inbox: status Fedify answered, HTTP signature / proof as Fedify sees them
  signedGets: [],     // fetches of our actor: the verified key that signed them
  sent: [],           // our deliveries: activity, whether it carried a proof, the inbox's HTTP status
  blockedFetches: [],
  followers: {},      // actor id -> { id, inboxId, sharedInbox }
  following: {},      // actor id -> "pending" | "accepted" | "rejected"
};
const sent = new Map();         // id of a Like we sent -> { activity, recipient }
const sentFollows = new Map();  // actor id -> { follow, actor } for our follows
const notes = new Map();        // id of a Note we posted (and not deleted) -> Note

// --- The Fedify federation ------------------------------------------------------------------------------
const federation = createFederation({
  kv: new MemoryKvStore(),
  allowPrivateAddress: true,  // everything is on loopback
  userAgent: { software: "gesso-interop-peer/1.0" },
});

// Fedify's generateCryptoKeyPair("RSASSA-PKCS1-v1_5") makes 4096-bit keys, which can take many seconds on a
// busy machine; 2048 bits is what Mastodon and Gesso use, and Fedify signs and verifies either.
const keyPairs = [
  await crypto.subtle.generateKey({
    name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256",
  }, true, ["sign", "verify"]),                      // HTTP signatures (draft-cavage)
  await generateCryptoKeyPair("Ed25519"),            // Object Integrity Proofs (FEP-8b32)
];

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== USER) return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify Bob",
      summary: "A Fedify peer in Gesso's interop test.",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      url: ctx.getActorUri(identifier),
      manuallyApprovesFollowers: false,
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .setKeyPairsDispatcher((_ctx, identifier) => (identifier === USER ? keyPairs : []))
  // Authorized fetch, as GoToSocial always does: the actor is served only to signed requests.
  .authorize(async (ctx, _identifier, signedKey) => {
    const path = new URL(ctx.url).pathname;
    state.signedGets.push({ path, keyId: signedKey?.id?.href ?? null });
    log("actor GET", path, "signed by", signedKey?.id?.href ?? "(nobody)");
    return signedKey != null;
  });

federation.setFollowersDispatcher("/users/{identifier}/followers", (_ctx, identifier) => {
  if (identifier !== USER) return null;
  return { items: Object.values(state.followers).map((f) => ({
    id: new URL(f.id), inboxId: new URL(f.inboxId),
    endpoints: f.sharedInbox ? { sharedInbox: new URL(f.sharedInbox) } : null,
  })) };
});

function record(activity, extra = {}) {
  const entry = {
    type: activity.constructor.name, id: activity.id?.href ?? null, actor: activity.actorId?.href ?? null,
    object: activity.objectId?.href ?? null, ...extra,
  };
  state.received.push(entry);
  log("received", JSON.stringify(entry));
  return entry;
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  // Key fetches for the shared inbox are signed too (authorized fetch on the other side).
  .setSharedKeyDispatcher(() => ({ identifier: USER }))
  .on(Follow, async (ctx, follow) => {
    record(follow);
    const target = ctx.parseUri(follow.objectId);
    if (target?.type !== "actor" || target.identifier !== USER) return;
    const follower = await follow.getActor(ctx);
    if (follower?.id == null || follower.inboxId == null) return;
    state.followers[follower.id.href] = {
      id: follower.id.href, inboxId: follower.inboxId.href,
      sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
    };
    const accept = new Accept({
      id: new URL(`/accepts/${crypto.randomUUID()}`, ctx.origin),
      actor: follow.objectId, object: follow,
    });
    await ctx.sendActivity({ identifier: USER }, follower, accept);
    log("accepted follow from", follower.id.href);
  })
  .on(Accept, async (ctx, accept) => {
    const follow = await accept.getObject(ctx);
    record(accept, { acceptedFollow: follow?.id?.href ?? null });
    if (follow instanceof Follow && accept.actorId) state.following[accept.actorId.href] = "accepted";
  })
  .on(Create, async (ctx, create) => {
    const note = await create.getObject(ctx);
    record(create, {
      objectType: note?.constructor?.name ?? null, objectId: note?.id?.href ?? null,
      content: note?.content?.toString() ?? null, attributedTo: note?.attributionId?.href ?? null,
      to: (note?.toIds ?? []).map((u) => u.href),
    });
  })
  .on(Like, async (_ctx, like) => { record(like); })
  .on(Undo, async (ctx, undo) => {
    const inner = await undo.getObject(ctx);
    record(undo, { undone: inner?.id?.href ?? null, undoneType: inner?.constructor?.name ?? null });
    if (inner instanceof Follow && undo.actorId) delete state.followers[undo.actorId.href];
  })
  .on(Activity, async (_ctx, activity) => { record(activity); })
  .onError((_ctx, error) => { log("inbox listener error", error?.stack ?? String(error)); });

// --- Test control ---------------------------------------------------------------------------------------
async function documentLoaderOf(ctx) { return await ctx.getDocumentLoader({ identifier: USER }); }

const control = {
  async follow(ctx, { handle }) {
    const documentLoader = await documentLoaderOf(ctx);
    const actor = await lookupObject(handle, { documentLoader, contextLoader: ctx.contextLoader });
    if (actor?.id == null || actor.inboxId == null) throw new Error(`could not resolve ${handle}`);
    const follow = new Follow({
      id: new URL(`/follows/${crypto.randomUUID()}`, ctx.origin),
      actor: ctx.getActorUri(USER), object: actor.id,
    });
    state.following[actor.id.href] = "pending";
    sentFollows.set(actor.id.href, { follow, actor });
    await ctx.sendActivity({ identifier: USER }, actor, follow);
    return { actor: actor.id.href, follow: follow.id.href, inbox: actor.inboxId.href };
  },
  async unfollow(ctx, { actor }) {
    const original = sentFollows.get(actor);
    if (!original) throw new Error(`never followed ${actor}`);
    const undo = new Undo({
      id: new URL(`/undos/${crypto.randomUUID()}`, ctx.origin), actor: ctx.getActorUri(USER),
      object: original.follow,
    });
    await ctx.sendActivity({ identifier: USER }, original.actor, undo);
    sentFollows.delete(actor);
    delete state.following[actor];
    return { undo: undo.id.href };
  },
  async post(ctx, { content, inReplyTo }) {
    const id = crypto.randomUUID();
    const note = new Note({
      id: new URL(`/notes/${id}`, ctx.origin), attribution: ctx.getActorUri(USER), content,
      replyTarget: inReplyTo ? new URL(inReplyTo) : null,
      to: PUBLIC_COLLECTION, cc: ctx.getFollowersUri(USER), published: Temporal.Now.instant(),
    });
    notes.set(note.id.href, note);
    const create = new Create({
      id: new URL(`/notes/${id}/activity`, ctx.origin), actor: ctx.getActorUri(USER), object: note,
      tos: [PUBLIC_COLLECTION], ccs: [ctx.getFollowersUri(USER)],
    });
    await ctx.sendActivity({ identifier: USER }, "followers", create, { preferSharedInbox: true });
    return { note: note.id.href, activity: create.id.href, followers: Object.keys(state.followers).length };
  },
  async update(ctx, { note: noteId, content }) {
    const old = notes.get(noteId);
    if (!old) throw new Error(`never posted ${noteId}`);
    const note = old.clone({ content, updated: Temporal.Now.instant() });
    notes.set(noteId, note);
    const update = new Update({
      id: new URL(`/updates/${crypto.randomUUID()}`, ctx.origin), actor: ctx.getActorUri(USER), object: note,
      tos: [PUBLIC_COLLECTION], ccs: [ctx.getFollowersUri(USER)],
    });
    await ctx.sendActivity({ identifier: USER }, "followers", update, { preferSharedInbox: true });
    return { update: update.id.href };
  },
  async delete(ctx, { note: noteId }) {
    if (!notes.delete(noteId)) throw new Error(`never posted ${noteId}`);
    const del = new Delete({
      id: new URL(`/deletes/${crypto.randomUUID()}`, ctx.origin), actor: ctx.getActorUri(USER),
      object: new Tombstone({ id: new URL(noteId) }),
      tos: [PUBLIC_COLLECTION], ccs: [ctx.getFollowersUri(USER)],
    });
    await ctx.sendActivity({ identifier: USER }, "followers", del, { preferSharedInbox: true });
    return { delete: del.id.href };
  },
  async like(ctx, { object }) {
    const documentLoader = await documentLoaderOf(ctx);
    const post = await lookupObject(object, { documentLoader, contextLoader: ctx.contextLoader });
    if (!(post instanceof Note)) throw new Error(`${object} is not a Note: ${post?.constructor?.name}`);
    const author = await post.getAttribution({ documentLoader, contextLoader: ctx.contextLoader });
    if (author?.inboxId == null) throw new Error(`the author of ${object} has no inbox`);
    const like = new Like({
      id: new URL(`/likes/${crypto.randomUUID()}`, ctx.origin), actor: ctx.getActorUri(USER), object: post.id,
    });
    sent.set(like.id.href, { activity: like, recipient: author });
    await ctx.sendActivity({ identifier: USER }, author, like);
    return { like: like.id.href, author: author.id.href, content: post.content?.toString() ?? null };
  },
  async collection(ctx, { url }) {
    const options = { documentLoader: await documentLoaderOf(ctx), contextLoader: ctx.contextLoader };
    const collection = await lookupObject(url, options);
    if (!(collection instanceof Collection)) throw new Error(`${url} is a ${collection?.constructor?.name}`);
    // Item ids only (embedded items give their id; linked ones are not dereferenced), page by page.
    const items = collection.itemIds.map((u) => u.href);
    let pages = 0;
    let page = collection.firstId != null ? await collection.getFirst(options) : null;
    while (page != null && pages < MAX_COLLECTION_PAGES) {
      pages++;
      items.push(...page.itemIds.map((u) => u.href));
      page = page.nextId != null ? await page.getNext(options) : null;
    }
    return { type: collection.constructor.name, totalItems: collection.totalItems ?? null, pages, items };
  },
  async undo(ctx, { activity }) {
    const original = sent.get(activity);
    if (!original) throw new Error(`never sent ${activity}`);
    const undo = new Undo({
      id: new URL(`/undos/${crypto.randomUUID()}`, ctx.origin), actor: ctx.getActorUri(USER),
      object: original.activity,
    });
    await ctx.sendActivity({ identifier: USER }, original.recipient, undo);
    return { undo: undo.id.href };
  },
};

async function readBody(req, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error("body too large"), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${CONTROL_TIMEOUT_MS} ms`)), CONTROL_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Fedify's own view of an inbox POST, checked independently of its inbox: which key's HTTP signature verifies
// (fetching the key with our signed document loader) and whether an Object Integrity Proof verifies.
async function inspectInboxPost(request, body, ctx) {
  const documentLoader = await documentLoaderOf(ctx);
  const key = await verifyRequest(request, { documentLoader, contextLoader: ctx.contextLoader })
    .catch((e) => { log("verifyRequest threw", e?.message); return null; });
  let json = null;
  try { json = JSON.parse(body.toString("utf8")); } catch { /* Fedify answers 400 */ }
  let proof = "absent";
  if (json?.proof != null) {
    const verified = await verifyObject(Activity, json, { documentLoader, contextLoader: ctx.contextLoader })
      .catch((e) => { log("verifyObject threw", e?.message); return null; });
    proof = verified != null ? "verified" : "invalid";
  }
  return { activity: json?.id ?? null, type: json?.type ?? null, signatureKey: key?.id?.href ?? null, proof };
}

async function handle(req, res) {
  const url = new URL(req.url, `https://${req.headers.host ?? opts.host}`);
  const isInboxPost = req.method === "POST" && /\/inbox$/.test(url.pathname);
  const body = req.method === "GET" || req.method === "HEAD" ? null
    : await readBody(req, url.pathname.startsWith("/_test/") ? MAX_CONTROL_BODY : MAX_INBOX_BODY);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  }
  const request = new Request(url, { method: req.method, headers, body });

  let response;
  if (url.pathname === "/_test/state" && req.method === "GET") {
    response = Response.json(state);
  } else if (url.pathname.startsWith("/_test/") && req.method === "POST") {
    const verb = url.pathname.slice("/_test/".length);
    if (!Object.hasOwn(control, verb)) {
      response = Response.json({ error: `unknown control ${verb}` }, { status: 404 });
    } else {
      try {
        const ctx = federation.createContext(request, undefined);
        const result = await withTimeout(control[verb](ctx, JSON.parse(body.toString("utf8"))), verb);
        log("control", verb, JSON.stringify(result));
        response = Response.json(result);
      } catch (e) {
        log("control", verb, "failed:", e?.stack ?? String(e));
        response = Response.json({ error: e?.message ?? String(e) }, { status: 500 });
      }
    }
  } else {
    response = await federation.fetch(isInboxPost ? request.clone() : request, { contextData: undefined });
    if (isInboxPost) {
      const seen = await inspectInboxPost(request, body, federation.createContext(request, undefined));
      const entry = { path: url.pathname, status: response.status, ...seen };
      state.inboxPosts.push(entry);
      log("inbox POST", JSON.stringify(entry));
    } else {
      log(req.method, url.pathname + url.search, "->", response.status);
    }
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const server = https.createServer(
  { cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key) },
  (req, res) => {
    handle(req, res).catch((e) => {
      log("request failed:", e?.stack ?? String(e));
      if (!res.headersSent) res.writeHead(e?.status ?? 500, { "content-type": "text/plain" });
      res.end(String(e?.message ?? e));
    });
  },
);
server.listen(0, "127.0.0.1", () => {
  const port = server.address().port;
  log(`serving https://${opts.host}:${port}/users/${USER}`);
  process.stdout.write(`listening ${port}\n`);
});
