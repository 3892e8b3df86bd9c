import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SAFE_SHOP, startSimulatedShop, type SimulatedShop } from "../../../simulator/site/server.ts";
import { checkShop, memoryAnswers, resultFor, statuses } from "../../support/site-shop.ts";

let shop: SimulatedShop;
beforeAll(async () => { shop = await startSimulatedShop(); });
afterAll(async () => { await shop.stop(); });
beforeEach(() => shop.set(SAFE_SHOP));

const site = () => ({ url: shop.checkoutUrl, platform: "ec-cube" as const });

/** A tenant whose baseline was recorded from the safe shop; then `changes` are switched on and the shop scanned again. */
async function afterChange(changes: Partial<typeof SAFE_SHOP>) {
  const answers = memoryAnswers();
  await checkShop([site()], { ca: shop.caCertificatePem, answers });
  shop.set(changes);
  return checkShop([site()], { ca: shop.caCertificatePem, answers });
}

describe("the first scan", () => {
  it("records the baseline and says so: every change check passes with that message", async () => {
    const answers = memoryAnswers();
    const { results } = await checkShop([site()], { ca: shop.caCertificatePem, answers });
    expect(answers.records).toHaveLength(1);
    expect(answers.records[0]).toMatchObject({ kind: "siteBaseline", source: "first_scan", by: "cloud15", site: shop.checkoutUrl });
    for (const id of ["site.scripts.new_origin", "site.scripts.new_file", "site.scripts.content_changed", "site.scripts.inline_changed", "site.forms.action_origin"]) {
      expect(statuses(results, id).every((s) => s === "pass"), id).toBe(true);
      expect(results.get(id)![0]!.message?.en).toMatch(/First scan/);
    }
  });

  it("reports error, not pass, for the change checks when no baseline store is available", async () => {
    const { results } = await checkShop([site()], { ca: shop.caCertificatePem });
    expect(statuses(results, "site.scripts.content_changed")).toEqual(["error"]);
    expect(results.get("site.scripts.content_changed")![0]!.cause?.code).toBe("NoBaselineStore");
  });
});

describe("a safe shop scanned again", () => {
  it("passes every check", async () => {
    const { results } = await afterChange({});
    for (const [id, list] of results) expect(list.map((r) => r.status).every((s) => s === "pass"), `${id}: ${JSON.stringify(list)}`).toBe(true);
  });
});

describe("script changes", () => {
  it("fails content_changed (high) when a skimmer is appended to the shop's own script", async () => {
    const { results } = await afterChange({ skimmer: true });
    const app = resultFor(results, "site.scripts.content_changed", "/js/app.js");
    expect(app.status).toBe("fail");
    expect(app.evidence?.sha256).not.toBe(app.evidence?.baselineSha256);
    expect(resultFor(results, "site.scripts.content_changed", "/js/cart.js").status).toBe("pass");
  });

  it("fails new_origin (critical) for a script from an origin the page never used", async () => {
    const { results } = await afterChange({ newThirdPartyScript: true });
    expect(resultFor(results, "site.scripts.new_origin", "/js/analytics.js").status).toBe("fail");
    expect(resultFor(results, "site.scripts.new_file", "/js/analytics.js").status).toBe("pass");
  });

  it("fails new_file (high) for a new file from the shop's own origin", async () => {
    const { results } = await afterChange({ newFirstPartyScript: true });
    expect(resultFor(results, "site.scripts.new_file", "/js/coupon.js").status).toBe("fail");
    expect(resultFor(results, "site.scripts.new_origin", "/js/coupon.js").status).toBe("pass");
  });

  it("fails inline_changed when an inline script is rewritten; JSON-LD data is not counted", async () => {
    const { results } = await afterChange({ inlineChanged: true });
    // The page's JSON-LD changes on every load; only the one executable inline script is judged.
    expect(statuses(results, "site.scripts.inline_changed")).toEqual(["fail"]);
  });

  it("reports error for a script that answers 404, and only for that script", async () => {
    const { results } = await afterChange({ missingScript: true });
    const cart = resultFor(results, "site.scripts.content_changed", "/js/cart.js");
    expect(cart.status).toBe("error");
    expect(cart.cause?.code).toBe("HTTP404");
    expect(resultFor(results, "site.scripts.content_changed", "/js/app.js").status).toBe("pass");
  });
});

describe("forms", () => {
  it("fails action_origin (critical) when the card form posts to another origin", async () => {
    const { results } = await afterChange({ formToOtherOrigin: true });
    const form = resultFor(results, "site.forms.action_origin", "form");
    expect(form.status).toBe("fail");
    expect(form.evidence).toMatchObject({ actionOrigin: shop.thirdPartyOrigin, baselineActionOrigin: shop.shopOrigin });
  });
});

describe("admin page", () => {
  it("passes when the platform's default admin path answers 403 and fails when it opens", async () => {
    expect(resultFor((await afterChange({})).results, "site.admin.exposed", "/admin/").status).toBe("pass");
    const open = resultFor((await afterChange({ openAdmin: true })).results, "site.admin.exposed", "/admin/");
    expect(open.status).toBe("fail");
    expect(open.evidence).toMatchObject({ status: 200, source: "platform_default" });
  });

  it("probes configured adminUrls, and is skipped (never pass) when neither adminUrls nor platform is known", async () => {
    shop.set({ openAdmin: true });
    const configured = await checkShop([{ url: shop.checkoutUrl, adminUrls: [shop.adminUrl] }], { ca: shop.caCertificatePem });
    expect(resultFor(configured.results, "site.admin.exposed", "/admin/").evidence).toMatchObject({ source: "configured" });
    const unknown = await checkShop([{ url: shop.checkoutUrl }], { ca: shop.caCertificatePem });
    expect(statuses(unknown.results, "site.admin.exposed")).toEqual(["skipped"]);
  });
});

describe("TLS", () => {
  it("fails the certificate check when it expires within 21 days, with the days left", async () => {
    shop.set({ certificate: "expiring" });
    const { results } = await checkShop([site()], { ca: shop.caCertificatePem });
    const cert = resultFor(results, "site.tls.certificate_expiry", shop.shopOrigin);
    expect(cert.status).toBe("fail");
    expect(cert.evidence?.daysLeft).toBeLessThan(21);
  });

  it("fails the certificate check for an expired certificate, and the page's checks are error (the browser refuses it)", async () => {
    shop.set({ certificate: "expired" });
    const { results } = await checkShop([site()], { ca: shop.caCertificatePem, answers: memoryAnswers() });
    expect(resultFor(results, "site.tls.certificate_expiry", shop.shopOrigin).status).toBe("fail");
    expect(statuses(results, "site.headers.hsts")).toEqual(["error"]);
    expect(results.get("site.headers.hsts")![0]!.cause).toMatchObject({ code: "TlsError", message: expect.stringMatching(/CERT_HAS_EXPIRED/) });
    expect(statuses(results, "site.scripts.content_changed")).toEqual(["error"]);
  });

  it("reports a TLS error, not pass, when the certificate is not trusted", async () => {
    const { results } = await checkShop([site()], { ca: "" });
    expect(statuses(results, "site.headers.csp_scripts")).toEqual(["error"]);
    expect(results.get("site.headers.csp_scripts")![0]!.cause?.code).toBe("TlsError");
    expect(resultFor(results, "site.tls.certificate_expiry", shop.shopOrigin).status).toBe("fail");
  });

  it("fails legacy_protocols when TLS 1.0 and 1.1 are accepted, and passes when they are not", async () => {
    expect(resultFor((await afterChange({})).results, "site.tls.legacy_protocols", shop.shopOrigin).status).toBe("pass");
    shop.set({ legacyTls: true });
    const legacy = resultFor((await checkShop([site()], { ca: shop.caCertificatePem })).results, "site.tls.legacy_protocols", shop.shopOrigin);
    expect(legacy).toMatchObject({ status: "fail", evidence: { tls10: true, tls11: true } });
  });
});

describe("headers and disclosure", () => {
  it("fails HSTS and CSP when the headers are dropped", async () => {
    const { results } = await afterChange({ dropHsts: true, dropCsp: true });
    expect(statuses(results, "site.headers.hsts")).toEqual(["fail"]);
    expect(statuses(results, "site.headers.csp_scripts")).toEqual(["fail"]);
  });

  it("fails software_disclosed (low) when versions show in headers and the generator tag", async () => {
    const { results } = await afterChange({ disclosesVersion: true });
    const disclosed = resultFor(results, "site.software.disclosed", shop.checkoutUrl);
    expect(disclosed.status).toBe("fail");
    expect(disclosed.evidence).toMatchObject({ Server: "Apache/2.4.41 (Ubuntu)", "X-Powered-By": "PHP/7.4.3", generator: "EC-CUBE 4.2.1" });
  });
});

describe("a page that cannot be read", () => {
  it.each([
    ["times out", { hangPage: true }, { timeoutMs: 500 }, "Timeout"],
    ["is larger than the cap", { oversizedPage: true }, {}, "TooLarge"],
  ])("reports error, not pass, when the page %s", async (_what, switches, limits, code) => {
    shop.set(switches);
    const { results } = await checkShop([site()], { ca: shop.caCertificatePem, answers: memoryAnswers(), limits });
    for (const id of ["site.scripts.new_origin", "site.scripts.content_changed", "site.forms.action_origin", "site.headers.hsts", "site.headers.csp_scripts", "site.software.disclosed"]) {
      expect(statuses(results, id), id).toEqual(["error"]);
    }
    expect(results.get("site.headers.hsts")![0]!.cause?.code).toBe(code);
  });
});

describe("every check, when it cannot look", () => {
  const ALL = [
    "site.scripts.new_origin", "site.scripts.new_file", "site.scripts.content_changed", "site.scripts.inline_changed",
    "site.forms.action_origin", "site.headers.hsts", "site.headers.csp_scripts", "site.software.disclosed",
  ];

  it("reports error, not pass, for the page's checks when the page answers 404", async () => {
    const { results } = await checkShop([{ url: `${shop.shopOrigin}/no-such-page`, platform: "ec-cube" }], { ca: shop.caCertificatePem, answers: memoryAnswers() });
    for (const id of ALL) expect(statuses(results, id), id).toEqual(["error"]);
    expect(results.get("site.scripts.new_file")![0]!.cause?.code).toBe("HTTP404");
    // The rest of the shop still answers, and is judged.
    expect(statuses(results, "site.tls.certificate_expiry")).toEqual(["pass"]);
  });

  it("reports error, not pass, for all eleven checks when nothing answers at the shop's address", async () => {
    const closed = await closedPort();
    const { results } = await checkShop([{ url: `https://127.0.0.1:${closed}/checkout`, platform: "ec-cube" }], { ca: shop.caCertificatePem, answers: memoryAnswers(), limits: { timeoutMs: 1_000 } });
    expect([...results.keys()].sort()).toEqual([...ALL, "site.admin.exposed", "site.tls.certificate_expiry", "site.tls.legacy_protocols"].sort());
    for (const [id, list] of results) expect(list.map((r) => r.status), id).toEqual(["error"]);
  });
});

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
