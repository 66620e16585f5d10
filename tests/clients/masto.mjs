// masto 7.x against a Gesso node: every step asserts on masto's parsed entities. See common.mjs for the
// protocol with the C++ test.
import { readFileSync } from "node:fs";
import { createOAuthAPIClient, createRestAPIClient, createStreamingAPIClient } from "masto";
import { check, config, finish, ok, OOB, SCOPES, step, STREAM_TRIES, STREAM_WAIT_MS, waitFor, within } from "./common.mjs";

const url = config.base();
let app, token, masto, media, posted, remote;

await step("app", async () => {
  app = await createRestAPIClient({ url }).v1.apps.create({ clientName: "masto interop", redirectUris: OOB, scopes: SCOPES });
  check(app.clientId && app.clientSecret, "client id and secret");
  return app.name;
});
await step("token", async () => {
  token = await createOAuthAPIClient({ url }).token.create({
    grantType: "password", redirectUri: OOB, clientId: app.clientId, clientSecret: app.clientSecret,
    username: config.login(), password: config.password(), scope: SCOPES,
  });
  check(token.accessToken && token.tokenType.toLowerCase() === "bearer", "bearer token");
  masto = createRestAPIClient({ url, accessToken: token.accessToken });
}, ["app"]);
await step("verify_credentials", async () => {
  const me = await masto.v1.accounts.verifyCredentials();
  check(me.username === "alice" && me.acct === "alice", `alice, got ${me.acct}`);
  check(typeof me.source?.note === "string", "source.note");
  return me.id;
}, ["token"]);
await step("upload", async () => {
  const file = new Blob([readFileSync(config.image())], { type: "image/png" });
  media = await masto.v2.media.create({ file, description: "A test sketch" });  // polls until processed
  check(media.type === "image" && media.url, `an image with a url, got ${media.type} ${media.url}`);
  check(media.description === "A test sketch", "description");
  return media.id;
}, ["token"]);
await step("post", async () => {
  posted = await masto.v1.statuses.create({ status: "Hello from masto", mediaIds: [media.id], visibility: "public" });
  check(posted.content.includes("Hello from masto"), "content");
  check(posted.mediaAttachments.length === 1 && posted.mediaAttachments[0].id === media.id, "attachment");
  return posted.id;
}, ["upload"]);
await step("home", async () => {
  const home = await masto.v1.timelines.home.list({ limit: 20 });
  check(home.some((s) => s.id === posted.id), "the new post in the home timeline");
  return `${home.length} statuses`;
}, ["post"]);
await step("search_remote", async () => {
  const found = await masto.v2.search.list({ q: config.remote(), resolve: true, type: "accounts" });
  remote = found.accounts.find((a) => a.acct === config.remote());
  check(remote, `${config.remote()} among ${found.accounts.map((a) => a.acct)}`);
  return remote.id;
}, ["token"]);
await step("follow", async () => {
  const rel = await masto.v1.accounts.$select(remote.id).follow();
  check(rel.id === remote.id && (rel.following || rel.requested), "following or requested");
}, ["search_remote"]);
if (ok("follow")) await waitFor("followed");  // the test delivers the follow, b accepts, bob follows back
await step("relationship", async () => {
  const [rel] = await masto.v1.accounts.relationships.fetch({ id: [remote.id] });
  check(rel.following === true && rel.followedBy === true, `following both ways, got ${JSON.stringify(rel)}`);
}, ["follow"]);
await step("notification", async () => {
  const notes = await masto.v1.notifications.list({ types: ["follow"] });
  const n = notes.find((x) => x.type === "follow" && x.account.acct === config.remote());
  check(n, `a follow notification from ${config.remote()}`);
  return n.id;
}, ["follow"]);
await step("streaming", async () => {
  const instance = await masto.v2.instance.fetch();
  const streamingApiUrl = instance.configuration.urls.streaming;
  check(streamingApiUrl, "configuration.urls.streaming");
  const streaming = createStreamingAPIClient({ streamingApiUrl, accessToken: token.accessToken });
  const events = streaming.user.subscribe()[Symbol.asyncIterator]();
  // The subscription starts with the first next() and is asynchronous: keep one next() pending, post, and post
  // again when nothing came in time (an update of any of our posts counts).
  const posted = new Set();
  let pending = events.next();
  try {
    for (let attempt = 1; attempt <= STREAM_TRIES; ++attempt) {
      const s = await masto.v1.statuses.create({ status: `Streamed from masto, try ${attempt}`, visibility: "public" });
      posted.add(s.id);
      try {
        for (;;) {
          const next = await within(STREAM_WAIT_MS, "update event", pending);
          pending = events.next();
          if (next.done) throw new Error("stream closed");
          const e = next.value;
          if (e.event === "update" && posted.has(e.payload.id)) return `${e.payload.id} (try ${attempt})`;
        }
      } catch (error) {
        if (attempt === STREAM_TRIES) throw error;
      }
    }
  } finally {
    streaming.close();
  }
}, ["token"]);
finish();
