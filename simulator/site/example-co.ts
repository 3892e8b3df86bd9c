import type { SiteConfig } from "../../config/site-config.ts";
import { collectSiteFacts } from "../../providers/site/collect.ts";
import type { AnswerStore } from "../../store/answer-store.ts";
import { startSimulatedShop, type SimulatedShop } from "./server.ts";

/** Example Co.'s online shop: its checkout page, on EC-CUBE, with the admin page it set up. */
export function exampleCoSites(shop: Pick<SimulatedShop, "checkoutUrl" | "adminUrl">): SiteConfig[] {
  return [{ url: shop.checkoutUrl, adminUrls: [shop.adminUrl], platform: "ec-cube" }];
}

/**
 * The demo's shop, as it stands after an attack: its baseline was recorded from the shop as
 * it was (a scan of the untouched shop, into the tenant's answer store), and then a skimmer
 * was appended to its own `/js/app.js`, which the demo's scan finds.
 */
export async function tamperedExampleCoShop(answers: AnswerStore, tenantId: string): Promise<SimulatedShop> {
  const shop = await startSimulatedShop();
  try {
    await collectSiteFacts(exampleCoSites(shop), { tenantId, baselines: answers, limits: { ca: shop.caCertificatePem } });
  } catch (err) {
    await shop.stop();
    throw err;
  }
  shop.set({ skimmer: true });
  return shop;
}
