// megalodon 9.x against a Gesso node: every step asserts on megalodon's parsed entities. megalodon only does
// the authorization-code flow, so the "browser" part (GET /oauth/authorize, submit the login form, read the
// out-of-band code) is done with fetch. See common.mjs for the protocol with the C++ test.
import { createReadStream } from "node:fs";
import megalodon from "megalodon";
import { check, config, finish, ok, OOB, SCOPES, step, STREAM_TRIES, STREAM_WAIT_MS, waitFor, within } from "./common.mjs";

const generator = megalodon.default ?? megalodon;  // a CommonJS package: its ESM default is module.exports
const url = config.base();
let app, token, client, media, posted, remote;

await step("app", async () => {
  app = await generator("mastodon", url).registerApp("megalodon interop", { scopes: SCOPES.split(" "), redirect_uris: OOB });
  check(app.client_id && app.client_secret && app.url, "client id, secret and authorize url");
  return app.client_id;
});

// What a person does in the browser: open the authorize page, fill in the login form, copy the code.
async function authorize(authorizeUrl) {
  const page = await fetch(authorizeUrl);
  check(page.ok, `GET /oauth/authorize answered ${page.status}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(m[1], m[2].replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#39;/g, "'"));
  }
  form.set("username", config.login());
  form.set("password", config.password());
  const done = await fetch(new URL("/oauth/authorize", url), { method: "POST", body: form, redirect: "manual" });
  const text = await done.text();
  const code = text.match(/<code id="code">([^<]+)<\/code>/)?.[1];
  check(code, `an authorization code on the page, got ${done.status}: ${text.slice(0, 300)}`);
  return code;
}

await step("token", async () => {
  const code = await authorize(app.url);
  token = await generator("mastodon", url).fetchAccessToken(app.client_id, app.client_secret, code, OOB);
  check(token.access_token, "an access token");
  client = generator("mastodon", url, token.access_token);
}, ["app"]);
await step("verify_credentials", async () => {
  const me = (await client.verifyAccountCredentials()).data;
  check(me.username === "alice" && me.acct === "alice", `alice, got ${me.acct}`);
  return me.id;
}, ["token"]);
await step("upload", async () => {
  media = (await client.uploadMedia(createReadStream(config.image()), { description: "A test sketch" })).data;
  for (let poll = 0; !media.url && poll < 30; ++poll) {  // v2 answers 202 while processing
    media = (await client.getMedia(media.id)).data;
  }
  check(media.type === "image" && media.url, `an image with a url, got ${media.type} ${media.url}`);
  check(media.description === "A test sketch", "description");
  return media.id;
}, ["token"]);
await step("post", async () => {
  posted = (await client.postStatus("Hello from megalodon", { media_ids: [media.id], visibility: "public" })).data;
  check(posted.content.includes("Hello from megalodon"), "content");
  check(posted.media_attachments.length === 1 && posted.media_attachments[0].id === media.id, "attachment");
  return posted.id;
}, ["upload"]);
await step("home", async () => {
  const home = (await client.getHomeTimeline({ limit: 20 })).data;
  check(home.some((s) => s.id === posted.id), "the new post in the home timeline");
  return `${home.length} statuses`;
}, ["post"]);
await step("search_remote", async () => {
  const found = (await client.search(config.remote(), { type: "accounts", resolve: true })).data;
  remote = found.accounts.find((a) => a.acct === config.remote());
  check(remote, `${config.remote()} among ${found.accounts.map((a) => a.acct)}`);
  return remote.id;
}, ["token"]);
await step("follow", async () => {
  const rel = (await client.followAccount(remote.id)).data;
  check(rel.id === remote.id && (rel.following || rel.requested), "following or requested");
}, ["search_remote"]);
if (ok("follow")) await waitFor("followed");  // the test delivers the follow, b accepts, and bob follows alice back
await step("relationship", async () => {
  const [rel] = (await client.getRelationships([remote.id])).data;
  check(rel.following === true && rel.followed_by === true, `following both ways, got ${JSON.stringify(rel)}`);
}, ["follow"]);
await step("notification", async () => {
  const notes = (await client.getNotifications({ limit: 20 })).data;
  const n = notes.find((x) => x.type === "follow" && x.account.acct === config.remote());
  check(n, `a follow notification from ${config.remote()}, got ${notes.map((x) => x.type)}`);
  return n.id;
}, ["follow"]);
await step("streaming", async () => {
  const socket = generator("mastodon", url.replace(/^http/, "ws"), token.access_token).userSocket();
  const updates = [];
  let wake = null;
  socket.on("update", (status) => { updates.push(status); wake?.(); });
  socket.on("error", (error) => { updates.push({ error }); wake?.(); });
  await within(STREAM_WAIT_MS, "connection", new Promise((resolve) => socket.on("connect", resolve)));
  try {
    // Post, wait for the update, and post again if the post came before the subscription took effect.
    for (let attempt = 1; attempt <= STREAM_TRIES; ++attempt) {
      const s = (await client.postStatus(`Streamed from megalodon, try ${attempt}`, { visibility: "public" })).data;
      try {
        for (;;) {
          while (updates.length) {
            const u = updates.shift();
            if (u.error) throw u.error;
            if (u.id === s.id) return `${s.id} (try ${attempt})`;
          }
          await within(STREAM_WAIT_MS, "update event", new Promise((resolve) => { wake = resolve; }));
        }
      } catch (error) {
        if (attempt === STREAM_TRIES) throw error;
      }
    }
  } finally {
    socket.stop();
  }
}, ["token"]);
finish();
