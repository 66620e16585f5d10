// What the browser scripts share: Debian's headless Chromium (/usr/bin/chromium, or GESSO_CHROMIUM) launched
// through npm playwright-core, one context and page of the given viewport, and small helpers: `shot(name, p)`
// saves a full-page screenshot of page `p` (default: the page) to `${shots}/${name}.png`, `url(path)` resolves a
// path against the node's base URL, `pathOf()` is the page's current path.
import { chromium } from "playwright-core";

export async function openBrowser(base, shots, viewport) {
  const browser = await chromium.launch({
    executablePath: process.env.GESSO_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    // The tests run as root in CI, where Chromium's sandbox cannot start.
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    shot: (name, p = page) => p.screenshot({ path: `${shots}/${name}.png`, fullPage: true }),
    url: (path) => new URL(path, base).toString(),
    pathOf: () => new URL(page.url()).pathname,
  };
}
