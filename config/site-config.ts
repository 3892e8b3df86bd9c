import { Type, type Static } from "@sinclair/typebox";
import { SITE_ADDRESS_POLICY } from "../providers/site/fetcher.ts";
import { literalAddressProblem } from "../tickets/tracker-url.ts";
import type { ConfigIssue } from "./load.ts";

/**
 * The online shop's pages to watch (`tenants[].sites[]`). Only these origins, and the scripts
 * their pages load, are ever fetched: an MSP's config must not turn the scanner into a way to
 * reach addresses next to its own credentials.
 */
const PageUrl = (description: string) => Type.String({ pattern: "^https://[^\\s/?#]+(/[^\\s#]*)?$", description });

/** Shop software whose default admin paths cloud15 knows (providers/site/admin-paths.ts). */
export const SITE_PLATFORMS = ["ec-cube", "wordpress", "woocommerce", "magento", "other"] as const;
export const SITE_SCHEDULES = ["hourly", "daily", "weekly"] as const;

export const SiteSchema = Type.Object({
  url: PageUrl("the https address of the payment (checkout) page, or any page that shows the card form"),
  adminUrls: Type.Optional(Type.Array(PageUrl("an https address of the shop's admin login page"), {
    maxItems: 10,
    description: "admin login pages that should not be reachable from the internet; the platform's default paths when absent",
  })),
  platform: Type.Optional(Type.Union(SITE_PLATFORMS.map((p) => Type.Literal(p)), {
    description: "the shop software, for its default admin paths and version disclosure",
  })),
  render: Type.Optional(Type.Boolean({
    description: "load the page in headless Chromium to see scripts added at run time (needs playwright-core and a Chromium; command line only, the Lambda function notes it skipped it: docs/online-shop.md)",
  })),
  schedule: Type.Optional(Type.Union(SITE_SCHEDULES.map((s) => Type.Literal(s)), {
    description: "how often the Lambda deployment checks the tenant's shop (the most frequent of its pages wins): hourly (default), daily or weekly at noon Japan time",
  })),
}, { additionalProperties: false, description: "a page of the online shop to watch for tampering (docs/online-shop.md)" });

export const SitesSchema = Type.Array(SiteSchema, {
  minItems: 1,
  maxItems: 20,
  description: "pages of the tenant's online shop to watch (docs/online-shop.md)",
});

export type SiteConfig = Static<typeof SiteSchema>;

/** Rules the schema cannot say: no credentials in an address, no link-local or metadata address, no page twice. */
export function siteConfigIssues(sites: readonly SiteConfig[], where: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  sites.forEach((site, i) => {
    const problem = siteUrlProblem(site.url);
    if (problem) issues.push({ where: `${where}[${i}].url`, expected: problem, found: JSON.stringify(site.url) });
    (site.adminUrls ?? []).forEach((url, j) => {
      const adminProblem = siteUrlProblem(url);
      if (adminProblem) issues.push({ where: `${where}[${i}].adminUrls[${j}]`, expected: adminProblem, found: JSON.stringify(url) });
    });
    const key = problem ? site.url : new URL(site.url).href;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else issues.push({ where: `${where}[${i}].url`, expected: `a page not already watched (${where}[${first}] has it)`, found: JSON.stringify(site.url) });
  });
  return issues;
}

function siteUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "an absolute https URL";
  }
  if (url.username || url.password) return "a URL without a user name or password";
  return literalAddressProblem(url, SITE_ADDRESS_POLICY) ? "a shop's address, not a link-local or cloud metadata address" : undefined;
}
