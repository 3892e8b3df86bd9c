import type { SiteConfig } from "../../config/site-config.ts";

/**
 * Where each shop software puts its admin login by default. IPA's EC-site guideline asks to
 * move it and restrict it by address; a default path that answers is the first thing an
 * attacker tries. EC-CUBE 4 serves `/admin/` unless the shop changed it at install time.
 */
const DEFAULT_ADMIN_PATHS: Record<NonNullable<SiteConfig["platform"]>, readonly string[]> = {
  "ec-cube": ["/admin/"],
  wordpress: ["/wp-login.php", "/wp-admin/"],
  woocommerce: ["/wp-login.php", "/wp-admin/"],
  magento: ["/admin/"],
  other: [],
};

/** The admin pages to probe: the configured ones, else the platform's defaults on the page's origin. */
export function adminPagesToProbe(site: SiteConfig): { url: string; source: "configured" | "platform_default" }[] {
  if (site.adminUrls?.length) return site.adminUrls.map((url) => ({ url, source: "configured" }));
  const origin = new URL(site.url).origin;
  return (site.platform ? DEFAULT_ADMIN_PATHS[site.platform] : []).map((path) => ({ url: `${origin}${path}`, source: "platform_default" }));
}
