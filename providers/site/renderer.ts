import type { Browser, BrowserType } from "playwright-core";
import { literalAddressProblem } from "../../tickets/tracker-url.ts";
import { SITE_ADDRESS_POLICY, SITE_USER_AGENT } from "./fetcher.ts";

/**
 * `render: true`: the page loaded in headless Chromium, for the scripts a tag manager (or a
 * skimmer's loader) adds at run time, which the HTML does not name. Only the addresses are
 * taken from the browser; each script is then fetched and hashed by cloud15's own fetcher,
 * like the scripts in the HTML, so both are compared the same way.
 *
 * playwright-core is loaded only here, when a page asks for rendering: it is not a dependency
 * of the command (a shop without `render` never needs it), and the Lambda functions never
 * render (docs/online-shop.md says why).
 */

/** Where Chromium is: `CLOUD15_CHROMIUM`, else Debian's package. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

export class RendererUnavailable extends Error {
  override name = "RendererUnavailable";
}

export interface RenderOptions {
  timeoutMs: number;
  /**
   * A CA was handed to cloud15 for this shop (the simulated one): Chromium cannot be given a
   * CA, so it accepts the certificate cloud15's own fetch has already verified against it.
   */
  handedCa: boolean;
  chromiumPath?: string;
}

/** The https addresses of every script the page requested while loading, in order, each once. */
export async function renderedScriptUrls(url: string, opts: RenderOptions): Promise<string[]> {
  const chromium = await loadChromium();
  const executablePath = opts.chromiumPath ?? process.env.CLOUD15_CHROMIUM ?? DEFAULT_CHROMIUM;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: opts.timeoutMs });
  } catch (err) {
    throw new RendererUnavailable(`render: Chromium did not start from ${executablePath} (set CLOUD15_CHROMIUM to its path): ${firstLine(err)}`);
  }
  try {
    const context = await browser.newContext({ userAgent: SITE_USER_AGENT, ignoreHTTPSErrors: opts.handedCa, serviceWorkers: "block" });
    const page = await context.newPage();
    // The page may send the browser anywhere, but never to a link-local or metadata address.
    await page.route("**/*", (route) => {
      const target = new URL(route.request().url());
      const web = target.protocol === "https:" || target.protocol === "http:";
      return web && literalAddressProblem(target, SITE_ADDRESS_POLICY) ? route.abort("blockedbyclient") : route.continue();
    });
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script" && request.url().startsWith("https://")) scripts.push(request.url());
    });
    await page.goto(url, { waitUntil: "networkidle", timeout: opts.timeoutMs });
    return [...new Set(scripts)];
  } finally {
    await browser.close();
  }
}

async function loadChromium(): Promise<BrowserType> {
  // A specifier in a variable: bundlers leave it to run time, so no bundle carries the browser driver.
  const specifier = "playwright-core";
  try {
    return ((await import(specifier)) as typeof import("playwright-core")).chromium;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new RendererUnavailable("render: true needs the optional package playwright-core (npm install playwright-core) and a Chromium; without them only the scripts in the HTML are seen");
    }
    throw err;
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0]!.slice(0, 300);
}
