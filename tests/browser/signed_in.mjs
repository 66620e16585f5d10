// Drives Debian's headless Chromium (/usr/bin/chromium, through npm playwright-core) through the signed-in pages
// of a real node started by tests/browser/browser_test.cpp: sign in, change a protection setting and see it in
// the profile's served headers and meta tags, upload an avatar, authorise an app with the session (consent
// only), a form without its CSRF token refused, sign up, sign out. Prints "step NAME: ok" lines like the client
// scripts (tests/clients/common.mjs) and saves a screenshot of every page it visits to GESSO_SHOTS/NAME.png.
import { openBrowser } from "./browser.mjs";
import { check, config, env, finish, step } from "../clients/common.mjs";

const base = config.base();
const shots = env("GESSO_SHOTS");
const login = config.login();
const password = config.password();

const { browser, context, page, shot, url, pathOf } = await openBrowser(base, shots, { width: 1100, height: 900 });

try {
  await step("sign_in", async () => {
    await page.goto(url("/settings/protection"));
    check(pathOf() === "/auth/sign_in", `signed-out visit went to ${page.url()}`);
    await page.getByLabel("E-mail or username").fill(login);
    await page.getByLabel("Password").fill(password);
    await shot("01-sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/settings/protection");
    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name === "gesso_session");
    check(session && session.httpOnly && session.sameSite === "Lax", `cookie: ${JSON.stringify(session)}`);
    check(!(await page.evaluate(() => document.cookie)).includes("gesso_session"), "the cookie is HttpOnly");
    await shot("02-protection");
    return `back on ${pathOf()}`;
  });

  await step("protection", async () => {
    const before = await page.request.get(url("/@alice"));
    check(before.headers()["tdm-reservation"] === "1", `reserved before: ${before.headers()["tdm-reservation"]}`);
    await page.getByLabel("Reservation").selectOption("DMI-ALLOWED");
    await page.getByLabel("Default licence").selectOption("cc-by-nc-4.0");
    await page.getByRole("button", { name: "Save protection settings" }).click();
    await page.waitForURL("**/settings/protection?saved=1");
    check(await page.getByRole("status").isVisible(), "a success notice");
    await shot("03-protection-saved");
    const after = await page.request.get(url("/@alice"));
    const robots = after.headers()["x-robots-tag"] ?? "";
    check(after.headers()["tdm-reservation"] === "0", `tdm-reservation after: ${after.headers()["tdm-reservation"]}`);
    check(!robots.includes("noai"), `X-Robots-Tag after: ${robots}`);
    await page.goto(url("/@alice"));
    const meta = await page.locator('meta[name="tdm-reservation"]').getAttribute("content");
    check(meta === "0", `profile meta tdm-reservation: ${meta}`);
    await shot("04-profile-opted-in");
    return `X-Robots-Tag: ${robots}`;
  }, ["sign_in"]);

  await step("avatar", async () => {
    await page.goto(url("/settings/profile"));
    await page.getByLabel("Display name").fill("Alice Painter");
    await page.getByLabel("Bio").fill("Watercolours of birds.");
    await page.getByLabel("Label 1").fill("Shop");
    await page.getByLabel("Content 1").fill("https://shop.example/alice");
    await page.getByLabel(/^Avatar/).setInputFiles(config.image());
    await shot("05-profile-settings");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.waitForURL("**/settings/profile?saved=1");
    const avatar = page.locator("img.avatar-preview");
    const src = await avatar.getAttribute("src");
    check(src && src.includes("/media/"), `avatar src: ${src}`);
    const image = await page.request.get(src);
    check(image.ok() && (image.headers()["content-type"] ?? "").startsWith("image/"), `avatar served: ${image.status()}`);
    check(await avatar.evaluate((img) => img.complete && img.naturalWidth > 0), "the avatar renders");
    check((await page.getByLabel("Display name").inputValue()) === "Alice Painter", "display name kept");
    await shot("06-profile-saved");
    return src;
  }, ["sign_in"]);

  await step("csrf_refused", async () => {
    await page.goto(url("/settings/protection"));
    // A form whose token was taken away (as a forged form from elsewhere would lack it) is refused.
    await page.evaluate(() => document.querySelector('main form input[name="csrf_token"]').remove());
    await page.getByLabel("Reservation").selectOption("DMI-PROHIBITED");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/settings/protection") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Save protection settings" }).click(),
    ]);
    check(response.status() === 403, `status ${response.status()}`);
    await page.waitForLoadState();
    check(await page.getByRole("heading", { name: "Request refused" }).isVisible(), "the refusal page");
    await shot("07-csrf-refused");
    await page.goto(url("/settings/protection"));
    const value = await page.getByLabel("Reservation").inputValue();
    check(value === "DMI-ALLOWED", `the setting did not change: ${value}`);
    return "403";
  }, ["protection"]);

  await step("authorize", async () => {
    const app = await page.request.post(url("/api/v1/apps"), {
      data: { client_name: "Sketchbook", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" },
    });
    check(app.ok(), `app registration: ${app.status()}`);
    const { client_id, client_secret } = await app.json();
    await page.goto(url(`/oauth/authorize?response_type=code&client_id=${client_id}` +
                        "&redirect_uri=urn:ietf:wg:oauth:2.0:oob&scope=read"));
    check((await page.locator('input[name="password"]').count()) === 0, "no password field with a session");
    await shot("08-authorize-consent");
    await page.getByRole("button", { name: "Authorize" }).click();
    const code = (await page.locator("#code").textContent()).trim();
    await shot("09-authorize-code");
    const token = await page.request.post(url("/oauth/token"), {
      form: { grant_type: "authorization_code", code, client_id, client_secret,
              redirect_uri: "urn:ietf:wg:oauth:2.0:oob" },
    });
    check(token.ok(), `token: ${token.status()}`);
    const { access_token } = await token.json();
    const me = await page.request.get(url("/api/v1/accounts/verify_credentials"), {
      headers: { Authorization: `Bearer ${access_token}` },
    });
    const account = await me.json();
    check(account.username === "alice", `verify_credentials: ${account.username}`);
    await page.goto(url("/settings/apps"));
    check(await page.getByRole("heading", { name: "Sketchbook" }).isVisible(), "the app is listed");
    await shot("10-apps");
    return `code for ${account.username}`;
  }, ["sign_in"]);

  await step("sign_out", async () => {
    await page.getByRole("button", { name: /Sign out|Log out/ }).click();
    await page.waitForURL(url("/"));
    const cookies = await context.cookies(base);
    check(!cookies.some((c) => c.name === "gesso_session"), "the cookie is gone");
    await page.goto(url("/settings/profile"));
    check(pathOf() === "/auth/sign_in", `after sign-out: ${page.url()}`);
    await shot("11-signed-out");
    return "";
  }, ["sign_in"]);

  await step("sign_up", async () => {
    const visitor = await browser.newContext({ viewport: { width: 420, height: 900 } });  // a phone
    const p = await visitor.newPage();
    await p.goto(url("/auth/sign_up"));
    await p.getByLabel(/^Username/).fill("carol");
    await p.getByLabel("E-mail").fill("carol@example.test");
    await p.getByLabel(/^Password \(/).fill("a long enough password");
    await p.getByLabel("Password again").fill("a different password");
    await p.getByLabel(/I agree/).check();
    await p.getByRole("button", { name: "Sign up" }).click();
    check(await p.locator("#password_confirmation-error").isVisible(), "the mismatch is shown at its field");
    await p.screenshot({ path: `${shots}/12-sign-up-error.png`, fullPage: true });
    await p.getByLabel(/^Password \(/).fill("a long enough password");
    await p.getByLabel("Password again").fill("a long enough password");
    check(await p.getByLabel(/I agree/).isChecked(), "the agreement stays ticked after an error");
    await p.getByRole("button", { name: "Sign up" }).click();
    await p.waitForURL("**/settings/profile");
    await p.screenshot({ path: `${shots}/13-signed-up-phone.png`, fullPage: true });
    await visitor.close();
    return "carol";
  });
} finally {
  await browser.close();
}
finish();
