import type { SiteConfig } from "../config/site-config.ts";
import type { TenantConfig } from "../config/schema.ts";

type SiteSchedule = NonNullable<SiteConfig["schedule"]>;

/** Most frequent first: a tenant's shop is checked as often as its most watched page asks. */
const FREQUENCY: readonly SiteSchedule[] = ["hourly", "daily", "weekly"];

/**
 * When `daily` and `weekly` pages are checked: noon Japan time (Monday for `weekly`), away
 * from the nightly round of the clouds, to which a shop round still running would give way.
 */
export const SHOP_CHECK_HOUR_JST = 12;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** How often the tenant's shop is checked on Lambda: the most frequent of its pages' `schedule` (hourly by default). */
export function shopSchedule(tenant: TenantConfig): SiteSchedule | undefined {
  const sites = tenant.sites ?? [];
  if (sites.length === 0) return undefined;
  return FREQUENCY.find((f) => sites.some((s) => (s.schedule ?? "hourly") === f));
}

/**
 * Whether the hourly dispatch at `now` scans the tenant's shop. The pages of a tenant are
 * checked together in one round: the shop is one provider of the feed, judged as a whole.
 */
export function shopDue(tenant: TenantConfig, now: Date): boolean {
  const schedule = shopSchedule(tenant);
  if (schedule === undefined) return false;
  if (schedule === "hourly") return true;
  const japan = new Date(now.getTime() + JST_OFFSET_MS);
  if (japan.getUTCHours() !== SHOP_CHECK_HOUR_JST) return false;
  return schedule === "daily" || japan.getUTCDay() === 1;
}
