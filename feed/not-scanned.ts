import type { Provider } from "../checks/framework.ts";
import { asCarried } from "./carried-state.ts";
import type { Feed, FeedFinding, FeedItem, FeedProviderScan } from "./schema.ts";

/** What a scan round carries of the providers it left out. */
export interface NotScannedCarry {
  /** Their entries from the previous feed, each naming the scan that looked at it (`lastScan`). */
  providers: FeedProviderScan[];
  /** Their findings from the previous feed, unchanged but for the lifecycle state (`asCarried`). */
  findings: FeedFinding[];
  /** Their checks, as the previous feed listed them under each item and each grouping. */
  checkIds: ReadonlySet<string>;
}

/**
 * A provider the tenant has but this round left out — the online shop's hourly rounds scan
 * only the shop, the nightly round only the clouds — was not looked at. It is not
 * `unreachable` (nothing failed) and nothing of it is resolved: its entry and its findings
 * stand as the previous feed has them — status, first and last seen, stale or not — so no
 * ticket of it opens or closes. The function building such a feed holds only its own
 * provider's checks, so the texts stay those of the scan that judged them.
 * A provider no previous feed has scanned has nothing to carry, and is absent.
 */
export function carryNotScanned(previous: Feed | undefined, notScanned: readonly Provider[]): NotScannedCarry {
  const out = { providers: [] as FeedProviderScan[], findings: [] as FeedFinding[], checkIds: new Set<string>() };
  if (!previous) return out;
  const left = new Set<Provider>(notScanned);
  for (const scan of previous.scan.providers) {
    if (!left.has(scan.provider)) continue;
    out.providers.push({ ...scan, lastScan: scan.lastScan ?? { id: previous.scan.id, startedAt: previous.scan.startedAt } });
  }
  const carried = new Set(out.providers.map((p) => p.provider));
  out.findings = previous.findings.filter((f) => f.provider !== "owner" && carried.has(f.provider)).map(asCarried);
  // Check ids are `<provider>.<service>.<what>` (checks/framework.ts).
  const listed = [...previous.items.flatMap((i) => i.checks), ...(previous.groups ?? []).flatMap((g) => g.checks)];
  for (const id of listed) if (carried.has(id.split(".")[0] as Provider)) out.checkIds.add(id);
  return out;
}

/** The grid's items with the carried checks listed again where the previous feed had them. */
export function withCarriedChecks(items: readonly FeedItem[], previous: Feed | undefined, carry: NotScannedCarry): FeedItem[] {
  if (carry.checkIds.size === 0 || !previous) return [...items];
  return items.map((item) => {
    const before = previous.items.find((i) => i.number === item.number);
    const extra = (before?.checks ?? []).filter((id) => carry.checkIds.has(id) && !item.checks.includes(id));
    if (extra.length === 0) return item;
    const reasons = [...(item.reasons ?? []), ...(before?.reasons ?? []).filter((r) => extra.includes(r.checkId))];
    return { ...item, checks: [...item.checks, ...extra], ...(reasons.length > 0 ? { reasons } : {}) };
  });
}
