import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inventorySection } from "../../../providers/site/baseline-diff.ts";
import { SAFE_SHOP, startSimulatedShop, type SimulatedShop } from "../../../simulator/site/server.ts";
import { checkShop, memoryAnswers, resultFor, statuses } from "../../support/site-shop.ts";

/**
 * `render: true` against the simulated shop with a tag manager, in Debian's Chromium: the
 * tag manager's script adds the third party's `/js/tag.js` when the page runs, which the HTML
 * never names.
 */
let shop: SimulatedShop;
beforeAll(async () => { shop = await startSimulatedShop(); });
afterAll(async () => { await shop.stop(); });
beforeEach(() => shop.set({ ...SAFE_SHOP, tagManager: true }));

const tag = () => `${shop.thirdPartyOrigin}/js/tag.js`;
const page = (render: boolean) => ({ url: shop.checkoutUrl, render });
const scriptKeys = (facts: Awaited<ReturnType<typeof checkShop>>["facts"]) =>
  (facts.sites.ok && facts.sites.value[0]!.page.ok ? facts.sites.value[0]!.page.value.scripts : []).map((s) => s.key);

describe("a page whose script adds another script at run time", () => {
  it("without render, the added script is not in the inventory", async () => {
    const { facts, collection } = await checkShop([page(false)], { ca: shop.caCertificatePem, answers: memoryAnswers() });
    expect(scriptKeys(facts)).toContain(`${shop.shopOrigin}/js/tags.js`);
    expect(scriptKeys(facts)).not.toContain(tag());
    expect(collection.apiCalls["render page"]).toBeUndefined();
  });

  it("with render, the added script is in the inventory, fetched and hashed, marked as added at run time", async () => {
    const { facts, collection } = await checkShop([page(true)], { ca: shop.caCertificatePem, answers: memoryAnswers() });
    expect(collection.errors).toEqual([]);
    expect(scriptKeys(facts)).toContain(tag());
    const section = inventorySection(facts.sites.ok ? facts.sites.value[0]! : (undefined as never));
    expect(section.scripts.find((s) => s.key === tag())).toMatchObject({ loadedAtRunTime: true, origin: shop.thirdPartyOrigin, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), change: "first_scan" });
    // Scripts in the HTML are not marked.
    expect(section.scripts.find((s) => s.key === `${shop.shopOrigin}/js/tags.js`)?.loadedAtRunTime).toBeUndefined();
  });

  it("with render, a change to the added script fails content_changed, which the HTML alone does not show", async () => {
    const answers = memoryAnswers();
    await checkShop([page(true)], { ca: shop.caCertificatePem, answers });
    shop.set({ tagChanged: true });
    const { results } = await checkShop([page(true)], { ca: shop.caCertificatePem, answers });
    const changed = resultFor(results, "site.scripts.content_changed", "/js/tag.js");
    expect(changed.status).toBe("fail");
    expect(changed.evidence?.sha256).not.toBe(changed.evidence?.baselineSha256);
    // The same change, unseen without rendering: the HTML's scripts are all unchanged.
    const { results: htmlOnly } = await checkShop([page(false)], { ca: shop.caCertificatePem, answers });
    expect(statuses(htmlOnly, "site.scripts.content_changed").every((s) => s === "pass")).toBe(true);
  });

  it("reports error, not pass, for the external-script checks when the page cannot be rendered, and still judges the rest", async () => {
    const previous = process.env.CLOUD15_CHROMIUM;
    process.env.CLOUD15_CHROMIUM = "/nonexistent/chromium";
    try {
      const { results, collection } = await checkShop([page(true)], { ca: shop.caCertificatePem, answers: memoryAnswers() });
      expect(collection.errors).toEqual([expect.objectContaining({ operation: `render page ${shop.checkoutUrl}`, code: "RendererUnavailable", message: expect.stringContaining("CLOUD15_CHROMIUM") })]);
      for (const id of ["site.scripts.new_origin", "site.scripts.new_file", "site.scripts.content_changed"]) {
        expect(statuses(results, id), id).toEqual(["error"]);
      }
      expect(statuses(results, "site.headers.csp_scripts")).toEqual(["pass"]);
    } finally {
      if (previous === undefined) delete process.env.CLOUD15_CHROMIUM;
      else process.env.CLOUD15_CHROMIUM = previous;
    }
  });
});
