// Drives Debian's headless Chromium (through npm playwright-core) through the admin pages of a real node started
// by tests/browser/browser_test.cpp (TEST Browser.AdminPages): the admin signs in, approves a pending sign-up,
// adds a domain policy (and sees a bad domain refused at its field), adds a policy rule and sees its decision in
// the log after a post it refuses, resolves a report, and changes the node's title and sees it on the front page.
// Prints "step NAME: ok" lines (tests/clients/common.mjs) and saves screenshots GESSO_SHOTS/NN-admin-*.png.
import { openBrowser } from "./browser.mjs";
import { check, config, env, finish, step } from "../clients/common.mjs";

const base = config.base();
const shots = env("GESSO_SHOTS");
const login = config.login();
const password = config.password();
const memberToken = env("GESSO_MEMBER_TOKEN");  // an API token of a member, to post what the new rule refuses
const reportId = env("GESSO_REPORT_ID");

const { browser, context, page, shot, url, pathOf } = await openBrowser(base, shots, { width: 1200, height: 900 });

try {
  await step("sign_in", async () => {
    await page.goto(url("/admin"));
    check(pathOf() === "/auth/sign_in", `signed-out visit went to ${page.url()}`);
    await page.getByLabel("E-mail or username").fill(login);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/admin");
    check(await page.getByRole("heading", { name: "Federation health" }).isVisible(), "the overview");
    check(await page.getByRole("navigation", { name: "Administration" }).isVisible(), "the admin navigation");
    await shot("20-admin-overview");
    return pathOf();
  });

  await step("approve", async () => {
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Accounts" }).click();
    await page.waitForURL("**/admin/accounts");
    const approve = page.getByRole("button", { name: "Approve @dana" });
    check(await approve.isVisible(), "dana's sign-up waits with an Approve button");
    await shot("21-admin-accounts");
    await approve.click();
    await page.waitForURL("**/admin/accounts?done=approve**");
    check((await page.getByRole("status").textContent()).includes("@dana was approved"), "the notice");
    check(!(await page.getByRole("button", { name: "Approve @dana" }).count()), "no Approve button any more");
    await shot("22-admin-approved");
    return "dana";
  }, ["sign_in"]);

  await step("domain_policy", async () => {
    await page.goto(url("/admin/domains"));
    await page.getByLabel("Domain", { exact: true }).fill("https://spam.example/");
    await page.getByRole("button", { name: "Save policy" }).click();
    const error = page.locator("#domain-error");
    check(await error.isVisible(), "a bad domain is refused next to its field");
    check((await page.getByLabel("Domain", { exact: true }).getAttribute("aria-invalid")) === "true", "aria-invalid");
    await shot("23-admin-domain-error");
    await page.getByLabel("Domain", { exact: true }).fill("spam.example");
    await page.getByLabel("Policy").selectOption("silence-reject-media");
    await page.getByLabel(/^Reason/).fill("bulk spam accounts");
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.waitForURL("**/admin/domains?done=added");
    const row = page.getByRole("row", { name: /spam\.example/ });
    check((await row.textContent()).includes("silence,reject-media"), `row: ${await row.textContent()}`);
    await shot("24-admin-domains");
    return "spam.example silenced";
  }, ["sign_in"]);

  await step("policy_rule", async () => {
    await page.goto(url("/admin/policy"));
    await page.getByLabel("Match").selectOption("hashtag");
    await page.getByLabel("Value").fill("aiart");
    await page.getByLabel("Action").selectOption("reject");
    await page.getByLabel("Applies to").selectOption("all");
    await page.getByLabel("Label or message").fill("AI-generated images are not posted here.");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.waitForURL("**/admin/policy?done=added");
    check((await page.getByRole("row", { name: /hashtag: aiart/ }).count()) === 1, "the rule is listed");
    // A member's post the rule refuses (through the client API), then the decision in the log.
    const posted = await page.request.post(url("/api/v1/statuses"), {
      headers: { Authorization: `Bearer ${memberToken}` },
      form: { status: "My new piece #AIart" },
    });
    check(posted.status() === 422, `the post was refused: ${posted.status()} ${await posted.text()}`);
    await page.reload();
    const log = page.locator("table.policy-log");
    check((await log.textContent()).toLowerCase().includes("hashtag #aiart"), `log: ${await log.textContent()}`);
    await shot("25-admin-policy");
    return "rule and log";
  }, ["sign_in"]);

  await step("report", async () => {
    await page.goto(url("/admin/reports"));
    await shot("26-admin-reports");
    await page.getByRole("link", { name: `Report #${reportId}` }).click();
    await page.waitForURL(`**/admin/reports/${reportId}`);
    check(await page.getByText("reposted without credit").isVisible(), "the comment");
    await shot("27-admin-report");
    await page.getByRole("button", { name: "Resolve", exact: true }).click();
    await page.waitForURL(`**/admin/reports/${reportId}?done=resolve`);
    check(await page.getByRole("button", { name: "Reopen", exact: true }).isVisible(), "resolved: Reopen offered");
    return `#${reportId}`;
  }, ["sign_in"]);

  await step("node_title", async () => {
    await page.goto(url("/admin/settings"));
    await page.getByLabel("Title").fill("Heron Studio");
    await page.getByLabel(/^Approval/).check();
    await page.getByLabel("Rules, one per line").fill("Credit the artist.\nNo AI training.");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.waitForURL("**/admin/settings?done=1");
    await shot("28-admin-settings");
    await page.goto(url("/"));
    const name = await page.locator(".site-name").textContent();
    check(name.trim() === "Heron Studio", `front page title: ${name}`);
    check((await page.title()).includes("Heron Studio"), `document title: ${await page.title()}`);
    await shot("29-admin-front-page-title");
    return name.trim();
  }, ["sign_in"]);

  await step("phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url("/admin/accounts"));
    check(await page.getByRole("navigation", { name: "Administration" }).isVisible(), "the admin navigation");
    await shot("30-admin-accounts-phone");
    return "390px";
  }, ["sign_in"]);
} finally {
  await browser.close();
}
finish();
