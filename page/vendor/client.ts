import { fill, type Language } from "../../checks/text.ts";
import { h, on, svg } from "../client/dom.ts";
import { loadLanguage, saveLanguage } from "../client/i18n.ts";
import type { ScanProblem, TenantOverview } from "./overview.ts";
import { CLOUD_NAMES, VENDOR_UI, type VendorUiKey } from "./text.ts";

/**
 * The IT vendor's overview in the browser: signs in with the vendor's link (its token is in
 * the fragment, never sent in a URL), then shows every client as one row. DOM only through
 * dom.ts, so no client's name is ever parsed as HTML.
 */

/** A nightly scan that has not run for this long has stopped. */
const STALE_SCAN_DAYS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

let lang: Language = loadLanguage();
let tenants: TenantOverview[] | undefined;
let message: VendorUiKey | undefined;

const t = (key: VendorUiKey, params: Record<string, string | number> = {}) => fill(VENDOR_UI[key], params)[lang];

async function signIn(): Promise<void> {
  const token = new URLSearchParams(location.hash.slice(1)).get("link");
  if (token === null) return;
  // The token leaves the address bar before anything else can read or share it.
  history.replaceState(null, "", location.pathname);
  const response = await fetch("/api/vendor/session", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }),
  });
  if (!response.ok) message = "linkRefused";
}

async function load(): Promise<void> {
  await signIn();
  if (message) return render();
  const response = await fetch("/api/vendor/overview", { headers: { accept: "application/json" } });
  if (response.status === 401) message = "loginBody";
  else if (!response.ok) message = "loadFailed";
  else tenants = ((await response.json()) as { tenants: TenantOverview[] }).tenants;
  render();
}

function render(): void {
  document.documentElement.lang = lang;
  document.title = `cloud15 — ${t("title")}`;
  const app = document.getElementById("app")!;
  app.replaceChildren(
    h("header", { class: "bar" },
      h("h1", null, t("title")),
      h("div", { class: "actions" },
        on(h("button", { type: "button", "aria-label": t("switchLanguageLabel"), class: "language" }, t("switchLanguage")), "click", () => {
          lang = lang === "ja" ? "en" : "ja";
          saveLanguage(lang);
          render();
        }),
        tenants ? on(h("button", { type: "button", class: "sign-out" }, t("signOut")), "click", () => void signOut()) : null)),
    tenants ? overview(tenants) : notice(message ?? "loadFailed"),
  );
}

function notice(key: VendorUiKey): HTMLElement {
  if (key === "loginBody") return h("section", { class: "notice" }, h("h2", null, t("loginTitle")), h("p", null, t("loginBody")));
  return h("section", { class: "notice" }, h("p", { role: "alert" }, t(key)));
}

async function signOut(): Promise<void> {
  await fetch("/api/vendor/session", { method: "DELETE" });
  tenants = undefined;
  message = "signedOut";
  render();
}

function overview(rows: TenantOverview[]): HTMLElement {
  if (rows.length === 0) return notice("none");
  const failed = rows.filter((r) => r.unreadable || r.scanProblems.length > 0).length;
  return h("section", null,
    h("p", { class: "lead" }, t("lead")),
    h("p", { class: "totals" }, t("totals", { tenants: rows.length, urgent: rows.filter((r) => r.critical > 0).length, failed })),
    h("table", { class: "tenants" },
      h("thead", null, h("tr", null,
        h("th", { scope: "col" }, t("company")),
        h("th", { scope: "col" }, t("urgent")),
        h("th", { scope: "col" }, t("score")),
        h("th", { scope: "col" }, t("trend")),
        h("th", { scope: "col" }, t("lastScan")),
        h("th", { scope: "col" }, t("scans")))),
      h("tbody", null, rows.map(row))));
}

function row(r: TenantOverview): HTMLElement {
  return h("tr", { class: `tenant${r.critical > 0 ? " has-urgent" : ""}${r.unreadable || r.scanProblems.length > 0 ? " has-failed-scan" : ""}`, "data-tenant": r.id },
    h("th", { scope: "row", "data-label": t("company") }, h("span", { class: "name" }, r.name), h("span", { class: "id" }, r.id)),
    h("td", { "data-label": t("urgent"), class: "headline" }, headline(r)),
    h("td", { "data-label": t("score"), class: "score" }, r.score === undefined ? "—" : t("scoreValue", { score: r.score })),
    h("td", { "data-label": t("trend") }, trend(r.trend)),
    h("td", { "data-label": t("lastScan") }, lastScan(r.lastScanAt)),
    h("td", { "data-label": t("scans"), class: "scans" }, scans(r)));
}

/** Critical first, high second; a feed that cannot be read is unknown, never "none". */
function headline(r: TenantOverview): (HTMLElement | null)[] {
  if (r.unreadable) return [h("strong", { class: "unknown" }, t("unknown"))];
  return [
    h("strong", { class: r.critical > 0 ? "urgent" : "calm" }, r.critical > 0 ? t("urgentCount", { n: r.critical }) : t("noUrgent")),
    r.high > 0 ? h("span", { class: "high" }, t("highCount", { n: r.high })) : null,
  ];
}

/** A hand-drawn line of the recent scores and how far they moved. */
function trend(scores: number[]): HTMLElement {
  if (scores.length < 2) return h("span", { class: "muted" }, t("trendNone"));
  const width = 120;
  const height = 32;
  const step = width / (scores.length - 1);
  // Scaled to the scores' own range (at least 20 points tall), so a change of a few points shows.
  const low = Math.max(0, Math.min(...scores) - 5);
  const high = Math.max(Math.min(100, Math.max(...scores) + 5), low + 20);
  const points = scores.map((s, i) => `${(i * step).toFixed(1)},${(height - ((s - low) / (high - low)) * height).toFixed(1)}`).join(" ");
  const delta = scores[scores.length - 1]! - scores[0]!;
  return h("span", { class: "trend" },
    svg("svg", { viewBox: `0 -2 ${width} ${height + 4}`, width, height: height + 4, role: "img", "aria-label": t("trendLabel", { scores: scores.join(" → ") }) },
      svg("polyline", { points, fill: "none", class: "trend-line" })),
    h("span", { class: delta < 0 ? "down" : "up" }, t("trendChange", { count: scores.length - 1, delta: delta > 0 ? `+${delta}` : String(delta) })));
}

function lastScan(at: string | undefined): HTMLElement | string {
  if (!at) return "—";
  const when = new Date(at);
  const days = Math.floor((Date.now() - when.getTime()) / DAY_MS);
  return h("span", null,
    h("time", { datetime: at }, formatDate(when)),
    h("span", { class: "ago" }, days <= 0 ? t("today") : t("daysAgo", { n: days })),
    days >= STALE_SCAN_DAYS ? h("span", { class: "warning" }, t("oldScan", { n: days })) : null);
}

function formatDate(date: Date): string {
  return date.toLocaleString(lang === "ja" ? "ja-JP" : "en-GB", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}

function scans(r: TenantOverview): HTMLElement {
  if (r.unreadable) return h("span", { class: "warning" }, t("unreadable"));
  if (r.scanProblems.length === 0) return h("span", { class: "calm" }, t("scansOk"));
  const raw = r.scanProblems.flatMap((p) => (p.firstError ? [`${p.provider}: ${p.firstError.operation} ${p.firstError.code}: ${p.firstError.message}`] : []));
  return h("div", null,
    h("ul", null, r.scanProblems.map((p) => h("li", { class: "warning" }, problemText(p)))),
    raw.length > 0 ? h("details", null, h("summary", null, t("engineers")), h("pre", null, raw.join("\n"))) : null);
}

function problemText(p: ScanProblem): string {
  const cloud = p.provider === "site" ? t("site") : CLOUD_NAMES[p.provider] ?? p.provider;
  const said = p.status === "partial" ? t("partial", { cloud, n: p.errors }) : t(p.status, { cloud });
  return p.staleSince ? said + t("stale", { date: formatDate(new Date(p.staleSince)) }) : said;
}

void load().catch(() => {
  message = "loadFailed";
  render();
});
