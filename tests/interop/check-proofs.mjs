#!/usr/bin/env node
// Object integrity proofs (FEP-8b32, eddsa-jcs-2022) checked against Fedify, an independent implementation,
// in both directions. Offline: documents come from files, JSON-LD contexts only from Fedify's preloaded set.
// Usage: node check-proofs.mjs <dir>
//   reads  <dir>/actor.json   a Gesso actor document (with its assertionMethod Multikey)
//          <dir>/signed.json  an activity by that actor with a proof made by Gesso
//   writes <dir>/fedify-signed.json  a Create signed by Fedify (signObject)
//          <dir>/fedify-key.txt      the publicKeyMultibase of Fedify's key
// Prints "ok NAME" / "FAIL NAME: why" lines; exits 0 only when every check passed.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  Create, exportMultibaseKey, getDocumentLoader, Note, Person, signObject, verifyObject,
} from "@fedify/fedify";

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node check-proofs.mjs <dir>");
  process.exit(2);
}
globalThis.fetch = async (input) => {
  throw new Error(`offline: refusing to fetch ${new Request(input).url}`);
};

const actor = JSON.parse(readFileSync(join(dir, "actor.json"), "utf8"));
const signedText = readFileSync(join(dir, "signed.json"), "utf8");
const preloaded = getDocumentLoader();
const contextLoader = async (url) => preloaded(url);
// The actor document answers for the actor id and its key ids (…#ed25519-key).
const documentLoader = async (url) => {
  if (url.split("#")[0] === actor.id) return { contextUrl: null, documentUrl: actor.id, document: actor };
  return preloaded(url);
};
const options = { documentLoader, contextLoader };

let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${(e?.message ?? String(e)).replace(/\s+/g, " ")}`);
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }

await check("actor-assertion-method", async () => {
  const person = await Person.fromJsonLd(actor, options);
  const keys = [];
  for await (const key of person.getAssertionMethods(options)) keys.push(key);
  expect(keys.length === 1, `Fedify sees ${keys.length} assertion methods`);
  expect(keys[0].id?.href === `${actor.id}#ed25519-key`, `key id ${keys[0].id?.href}`);
  expect(keys[0].controllerId?.href === actor.id, `controller ${keys[0].controllerId?.href}`);
  expect(keys[0].publicKey?.algorithm?.name === "Ed25519", `algorithm ${keys[0].publicKey?.algorithm?.name}`);
});

await check("gesso-proof-verifies", async () => {
  const verified = await verifyObject(Create, JSON.parse(signedText), options);
  expect(verified !== null, "verifyObject returned null for Gesso's signed activity");
});

await check("gesso-proof-tampered-fails", async () => {
  const tampered = JSON.parse(signedText);
  tampered.object.content += " (edited)";
  expect(await verifyObject(Create, tampered, options) === null, "a tampered activity verified");
});

await check("fedify-signs", async () => {
  const keyPair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]);
  const actorId = new URL("https://fedify.example/users/fred");
  const create = new Create({
    id: new URL("https://fedify.example/users/fred/statuses/1/activity"),
    actor: actorId,
    to: new URL("https://www.w3.org/ns/activitystreams#Public"),
    object: new Note({
      id: new URL("https://fedify.example/users/fred/statuses/1"),
      attribution: actorId,
      content: "<p>signed by Fedify: café 🎨</p>",
    }),
  });
  const signed = await signObject(create, keyPair.privateKey, new URL(`${actorId.href}#ed25519-key`), { contextLoader });
  writeFileSync(join(dir, "fedify-signed.json"), JSON.stringify(await signed.toJsonLd({ contextLoader })));
  writeFileSync(join(dir, "fedify-key.txt"), await exportMultibaseKey(keyPair.publicKey));
});

process.exit(failed === 0 ? 0 : 1);
