import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restrictsScripts } from "../../../checks/site/headers-csp-scripts.ts";
import { fetchResource, SITE_USER_AGENT, SiteFetchError } from "../../../providers/site/fetcher.ts";
import { readMarkup } from "../../../providers/site/inventory.ts";
import { startSimulatedShop, type SimulatedShop } from "../../../simulator/site/server.ts";

let shop: SimulatedShop;
beforeAll(async () => { shop = await startSimulatedShop(); });
afterAll(async () => { await shop.stop(); });

/** No test here is about a timeout: a wide one, for a busy machine. */
const limits = () => ({ timeoutMs: 30_000, maxBytes: 1_000_000, maxRedirects: 2, ca: shop.caCertificatePem });
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err as SiteFetchError);

describe("fetching the shop's pages", () => {
  it("follows a redirect within the configured origin and names itself cloud15/<version>", async () => {
    const answer = await fetchResource(new URL(`${shop.shopOrigin}/`), () => true, limits());
    expect(answer).toMatchObject({ status: 200, url: shop.checkoutUrl });
    expect(SITE_USER_AGENT).toMatch(/^cloud15\/\d+\.\d+\.\d+/);
  });

  it("refuses a page on an origin it was not configured with, before connecting", async () => {
    const before = shop.requests["/checkout"] ?? 0;
    const onlyThirdParty = (url: URL) => url.origin === shop.thirdPartyOrigin;
    expect(await refusal(fetchResource(new URL(shop.checkoutUrl), onlyThirdParty, limits()))).toMatchObject({ code: "OffOrigin" });
    expect(shop.requests["/checkout"] ?? 0).toBe(before);
  });

  it("refuses plain http and link-local or metadata addresses", async () => {
    expect(await refusal(fetchResource(new URL("https://169.254.169.254/latest/meta-data/"), () => true, limits()))).toMatchObject({ code: "Refused" });
    expect(await refusal(fetchResource(new URL("https://metadata.google.internal/"), () => true, limits()))).toMatchObject({ code: "Refused" });
    expect(await refusal(fetchResource(new URL("http://127.0.0.1:1/"), () => true, limits()))).toMatchObject({ code: "Refused" });
  });

  it("stops reading at the size cap", async () => {
    shop.set({ oversizedPage: true });
    try {
      expect(await refusal(fetchResource(new URL(shop.checkoutUrl), () => true, { ...limits(), maxBytes: 100_000 }))).toMatchObject({ code: "TooLarge" });
    } finally {
      shop.set({ oversizedPage: false });
    }
  });
});

describe("reading the page's markup", () => {
  it("finds scripts as a browser's parser does, resolves them against <base>, and skips data scripts", () => {
    const markup = readMarkup(`<html><head><base href="https://cdn.example/assets/">
      <script src="app.js"></script><script type="module" src="/m.js"></script>
      <script type="application/ld+json">{"price": 1}</script><script>var a = 1;</script>
      <p><script src="//evil.example/x.js"></script>
      <form action="https://pay.example/submit" method="POST"></form><form></form>
      <meta name="generator" content="WordPress 6.4.2"><iframe src="https://psp.example/frame"></iframe>`, "https://shop.example/checkout");
    expect(markup.scripts).toEqual([
      { inline: false, src: "https://cdn.example/assets/app.js" },
      { inline: false, src: "https://cdn.example/m.js" },
      { inline: true, text: "var a = 1;" },
      { inline: false, src: "https://evil.example/x.js" },
    ]);
    expect(markup.forms).toEqual([{ action: "https://pay.example/submit", method: "post" }, { action: "https://shop.example/checkout", method: "get" }]);
    expect(markup).toMatchObject({ generator: "WordPress 6.4.2", iframes: ["https://psp.example/frame"] });
  });
});

describe("a Content Security Policy that restricts scripts", () => {
  it.each([
    ["script-src 'self' https://js.psp.example", true],
    ["default-src 'self'", true],
    ["script-src *", false],
    ["default-src 'self'; script-src https:", false],
    ["img-src 'self'", false],
    ["script-src 'self'; script-src-elem *", false],
  ])("%s → %s", (policy, expected) => {
    expect(restrictsScripts(policy)).toBe(expected);
  });
});
