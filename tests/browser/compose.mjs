// Drives Debian's headless Chromium (through npm playwright-core) through posting on a real node started by
// tests/browser/browser_test.cpp (TEST Browser.ComposeEditDelete): sign in, a refused empty form, post a work
// (a real PNG made by the test) with alt text, licence and cloak level, see it on the post page (alt text,
// licence, the noai meta tags and served headers of the page and the image) and on the profile grid, edit it,
// post and delete a second one through the confirmation page, and the compose and post pages on a phone-sized
// window. Prints "step NAME: ok" lines (tests/clients/common.mjs) and saves screenshots to GESSO_SHOTS/NN-*.png.
import { openBrowser } from "./browser.mjs";
import { check, config, env, finish, step } from "../clients/common.mjs";

const base = config.base();
const shots = env("GESSO_SHOTS");
const ALT = "A grey heron in the reeds at dawn, ink and watercolour";
const EDITED_ALT = "A grey heron standing in reeds at dawn, ink and watercolour on paper";

const { browser, context, page, shot, url, pathOf } = await openBrowser(base, shots, { width: 1100, height: 900 });
let postPath = "";

try {
  await step("sign_in", async () => {
    await page.goto(url("/compose"));
    check(pathOf() === "/auth/sign_in", `signed-out visit went to ${page.url()}`);
    await page.getByLabel("E-mail or username").fill(config.login());
    await page.getByLabel("Password").fill(config.password());
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/compose");
    check(await page.getByRole("link", { name: "Post a work" }).isVisible(), "the nav links the compose page");
    return pathOf();
  });

  await step("refused", async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/compose") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Post", exact: true }).click(),
    ]);
    check(response.status() === 422, `status ${response.status()}`);
    await page.waitForLoadState();
    check(await page.locator("#status-error").isVisible(), "the error is shown at the text field");
    const described = await page.getByLabel("Text", { exact: true }).getAttribute("aria-describedby");
    check(described === "status-error", `aria-describedby: ${described}`);
    await shot("01-compose-refused");
    return "422";
  }, ["sign_in"]);

  await step("post", async () => {
    await page.goto(url("/compose"));
    await page.getByLabel("Work 1", { exact: true }).setInputFiles(config.image());
    await page.getByLabel("Alt text of work 1").fill(ALT);
    await page.getByLabel("Text", { exact: true }).fill("Morning study of a heron #watercolour");
    await page.getByLabel("Licence").selectOption("cc-by-4.0");
    await page.getByLabel("Cloak level").selectOption("low");
    await page.getByLabel("Visibility").selectOption("public");
    await shot("02-compose");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page.waitForURL(/\/@alice\/\d+$/);
    postPath = pathOf();
    const img = page.locator(`.post-works img[alt="${ALT}"]`);
    check(await img.isVisible(), "the work with its alt text");
    check(await img.evaluate((i) => i.complete && i.naturalWidth > 0), "the work renders");
    check(await page.getByRole("link", { name: "https://creativecommons.org/licenses/by/4.0/" }).isVisible(),
          "the licence");
    const robots = await page.locator('meta[name="robots"]').getAttribute("content");
    check(robots && robots.includes("noai") && robots.includes("noimageai"), `meta robots: ${robots}`);
    const tdm = await page.locator('meta[name="tdm-reservation"]').getAttribute("content");
    check(tdm === "1", `meta tdm-reservation: ${tdm}`);
    const served = await page.request.get(url(postPath));
    const header = served.headers()["x-robots-tag"] ?? "";
    check(header.includes("noai") && served.headers()["tdm-reservation"] === "1", `page headers: ${header}`);
    const image = await page.request.get(await img.getAttribute("src"));
    const imageHeader = image.headers()["x-robots-tag"] ?? "";
    check(image.ok() && imageHeader.includes("noimageai"), `image ${image.status()} X-Robots-Tag: ${imageHeader}`);
    check(await page.getByRole("link", { name: "Edit" }).isVisible(), "the author's edit link");
    await shot("03-post-page");
    return postPath;
  }, ["sign_in"]);

  await step("profile_grid", async () => {
    await page.goto(url("/@alice"));
    const work = page.locator(`.works img[alt="${ALT}"]`);
    check(await work.isVisible(), "the work on the grid");
    await work.scrollIntoViewIfNeeded();
    await page.waitForFunction((alt) => {
      const i = document.querySelector(`.works img[alt="${alt}"]`);
      return i && i.complete && i.naturalWidth > 0;
    }, ALT);
    await shot("04-profile-grid");
    return "";
  }, ["post"]);

  await step("edit", async () => {
    await page.goto(url(postPath));
    await page.getByRole("link", { name: "Edit" }).click();
    await page.waitForURL(`**${postPath}/edit`);
    check((await page.getByLabel("Alt text of work 1").inputValue()) === ALT, "the stored alt text");
    await page.getByLabel("Text", { exact: true }).fill("Morning study of a heron, finished #watercolour");
    await page.getByLabel("Alt text of work 1").fill(EDITED_ALT);
    await shot("05-edit");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(`**${postPath}`);
    check(await page.locator(`.post-works img[alt="${EDITED_ALT}"]`).isVisible(), "the new alt text");
    check(await page.getByText("Morning study of a heron, finished").isVisible(), "the new text");
    await shot("06-edited");
    return "";
  }, ["post"]);

  await step("delete", async () => {
    await page.goto(url("/compose"));
    await page.getByLabel("Text", { exact: true }).fill("A post to delete");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page.waitForURL(/\/@alice\/\d+$/);
    const doomed = pathOf();
    check(doomed !== postPath, "a second post");
    await page.getByRole("link", { name: "Delete" }).click();
    await page.waitForURL(`**${doomed}/delete`);
    check(await page.getByRole("heading", { name: "Delete your post?" }).isVisible(), "the confirmation");
    await shot("07-delete-confirm");
    await page.getByRole("button", { name: "Delete the post" }).click();
    await page.waitForURL(url("/@alice"));
    const gone = await page.request.get(url(doomed));
    check(gone.status() === 404, `the deleted post answers ${gone.status()}`);
    const kept = await page.request.get(url(postPath));
    check(kept.status() === 200, `the first post stays: ${kept.status()}`);
    return doomed;
  }, ["sign_in", "post"]);

  await step("phone", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await context.storageState() });
    const p = await phone.newPage();
    await p.goto(url("/compose"));
    check(await p.getByLabel("Work 1", { exact: true }).isVisible(), "the compose form on a phone");
    const wide = await p.evaluate(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth + 1) return "";
      const out = [];
      for (const e of document.querySelectorAll("body *")) {
        const r = e.getBoundingClientRect();
        if (r.right > window.innerWidth + 1) out.push(`${e.tagName.toLowerCase()}.${e.className}#${e.id} ${Math.round(r.right)}`);
      }
      return out.slice(0, 8).join(", ");
    });
    check(wide === "", `no sideways scrolling, but wider than the window: ${wide}`);
    await shot("08-compose-phone", p);
    await p.goto(url(postPath));
    check(await p.locator(`.post-works img[alt="${EDITED_ALT}"]`).isVisible(), "the work on a phone");
    await shot("09-post-phone", p);
    await phone.close();
    return "";
  }, ["edit"]);
} finally {
  await browser.close();
}
finish();
