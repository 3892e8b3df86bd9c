import type { Language } from "../../checks/text.ts";
import type { Feed, FeedFinding } from "../../feed/schema.ts";
import { findingsCsv } from "../csv.ts";
import { findingStatusBadge, severityBadge, stateBadge } from "./badges.ts";
import { externalLink, h, on } from "./dom.ts";
import { headline, matches, NO_FILTERS, PROVIDER_ORDER, SEVERITY_ORDER, sortForList, STATUS_ORDER, type Filters } from "./findings.ts";
import { formatDateTime } from "./format.ts";
import { isStale } from "./first-screen.ts";
import type { Glossary } from "./glossary.ts";
import { FINDING_STATUS_NAMES, PROVIDER_NAMES, SEVERITY_NAMES, t, type UiKey } from "./i18n.ts";
import { evidenceLines, plainMessage, resourceName, stepList } from "./plain-words.ts";

type SelectFilter = "provider" | "status" | "severity" | "item";

/**
 * The full list with its filters. Each finding's element is built once per language and
 * reused when the filters change, so an opened detail stays open while the owner narrows the
 * list, and the controls are updated in place, so the one in use keeps the keyboard focus.
 */
export class FindingsView {
  readonly element: HTMLElement;
  private readonly sorted: FeedFinding[];
  private readonly details = new Map<string, HTMLDetailsElement>();
  private readonly list = h("div", { class: "finding-list" });
  private readonly count = h("p", { class: "shown-count", role: "status" });
  private readonly selects = new Map<SelectFilter, HTMLSelectElement>();
  private readonly newOnly = h("input", { type: "checkbox", id: "filter-new" });
  private readonly search = h("input", { type: "search", id: "filter-search", autocomplete: "off" });

  constructor(
    private readonly feed: Feed,
    private readonly lang: Language,
    /** Owned by the page, so the filters survive a language switch. */
    private readonly filters: Filters,
    private readonly fileName: string,
    glossary: Glossary,
  ) {
    this.sorted = sortForList(feed.findings);
    for (const f of this.sorted) this.details.set(f.id, findingDetails(f, lang, glossary));
    this.element = h("section", { class: "card all-results", id: "all-results", "aria-labelledby": "list-title" },
      h("h2", { id: "list-title", tabindex: "-1" }, t(lang, "listTitle")),
      this.filterControls(),
      h("div", { class: "list-tools" },
        this.count,
        on(h("button", { type: "button", class: "export-csv" }, t(lang, "exportCsv")), "click", () => this.exportCsv())),
      this.list);
    this.syncControls();
    this.refresh();
  }

  /** Opens one finding, clearing filters that hide it, and moves the keyboard focus to it. */
  reveal(id: string): void {
    const f = this.sorted.find((x) => x.id === id);
    const element = this.details.get(id);
    if (!f || !element) return;
    if (!matches(f, this.filters, this.lang)) this.setFilters(NO_FILTERS);
    element.open = true;
    element.scrollIntoView({ block: "start" });
    element.querySelector("summary")?.focus();
  }

  /** Narrows the list to what a grid item or an action points at, and goes there. */
  showOnly(filters: Partial<Filters>): void {
    this.setFilters({ ...NO_FILTERS, ...filters });
    this.element.scrollIntoView({ block: "start" });
    this.element.querySelector<HTMLElement>("#list-title")?.focus();
  }

  private setFilters(filters: Filters): void {
    Object.assign(this.filters, filters);
    this.syncControls();
    this.refresh();
  }

  private visible(): FeedFinding[] {
    return this.sorted.filter((f) => matches(f, this.filters, this.lang));
  }

  private refresh(): void {
    const visible = this.visible();
    this.count.textContent = t(this.lang, "shown", { shown: visible.length, total: this.sorted.length });
    this.list.replaceChildren(...(visible.length
      ? visible.map((f) => this.details.get(f.id)!)
      : [h("p", null, t(this.lang, "noMatch"))]));
  }

  private syncControls(): void {
    for (const [key, select] of this.selects) select.value = String(this.filters[key]);
    this.newOnly.checked = this.filters.newOnly;
    this.search.value = this.filters.search;
  }

  private exportCsv(): void {
    // The BOM makes Excel read the file as UTF-8; without it Japanese text turns to mojibake.
    const blob = new Blob(["\uFEFF", findingsCsv(this.visible(), this.lang)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = h("a", { href: url, download: this.fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    // Some browsers read the blob after click() returns; give them time before freeing it.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  private filterControls(): HTMLElement {
    const { lang, feed } = this;
    const all = t(lang, "filterAll");
    const providers = PROVIDER_ORDER.filter((p) => feed.findings.some((f) => f.provider === p));
    const update = (change: Partial<Filters>) => {
      Object.assign(this.filters, change);
      this.refresh();
    };
    on(this.newOnly, "change", () => update({ newOnly: this.newOnly.checked }));
    on(this.search, "input", () => update({ search: this.search.value }));
    // A form for its semantics (role search, the reset button); Enter in the search box must not submit it.
    return on(h("form", { class: "filters", role: "search" },
      this.select("provider", "filterCloud", [["", all], ...providers.map((p) => [p, PROVIDER_NAMES[p][lang]] as const)], update),
      this.select("status", "filterStatus", [["", all], ...STATUS_ORDER.map((s) => [s, FINDING_STATUS_NAMES[s][lang]] as const)], update),
      this.select("severity", "filterSeverity", [["", all], ...SEVERITY_ORDER.map((s) => [s, SEVERITY_NAMES[s][lang]] as const)], update),
      this.select("item", "filterItem",
        [["0", all], ...feed.items.map((item) => [String(item.number), `${item.number}. ${item.title[lang]}`] as const)], update),
      h("div", { class: "filter filter-search" },
        h("label", { for: "filter-search" }, t(lang, "search")),
        this.search,
        h("span", { class: "small" }, t(lang, "searchHint"))),
      h("div", { class: "filter filter-check" }, this.newOnly, h("label", { for: "filter-new" }, t(lang, "filterNew"))),
      on(h("button", { type: "reset", class: "text-button" }, t(lang, "clearFilters")), "click", (event) => {
        event.preventDefault();
        this.setFilters(NO_FILTERS);
      })), "submit", (event) => event.preventDefault());
  }

  private select(
    key: SelectFilter,
    label: UiKey,
    options: readonly (readonly [string, string])[],
    update: (change: Partial<Filters>) => void,
  ): HTMLElement {
    const id = `filter-${key}`;
    const select = h("select", { id }, options.map(([value, text]) => h("option", { value }, text)));
    on(select, "change", () => update({ [key]: key === "item" ? Number(select.value) : select.value }));
    this.selects.set(key, select);
    return h("div", { class: "filter" }, h("label", { for: id }, t(this.lang, label)), select);
  }
}

/** One finding: a one-line summary, and when opened everything needed to fix it, in plain words. */
function findingDetails(f: FeedFinding, lang: Language, glossary: Glossary): HTMLDetailsElement {
  const consoleLink = externalLink(f.resource.consoleUrl, t(lang, "openConsole"));
  const guideLink = externalLink(f.remediation.url, t(lang, "readGuide"));
  // Severity and the steps to fix belong to problems; on a pass they would only alarm.
  const problem = f.status === "fail" || f.status === "error" || f.status === "manual";
  const evidence = evidenceLines(f.evidence, lang);
  return h("details", { class: `finding finding-${f.status}`, "data-finding": f.id },
    h("summary", null,
      h("span", { class: "finding-badges" },
        problem ? severityBadge(f.severity, lang) : null, findingStatusBadge(f.status, lang), stateBadge(f.state, lang),
        isStale(f) ? h("span", { class: "badge stale-mark" }, t(lang, "staleMark")) : null,
        h("span", { class: "provider" }, PROVIDER_NAMES[f.provider][lang])),
      h("span", { class: "finding-title" }, headline(f, lang)),
      h("span", { class: "resource-name ident" }, resourceName(f, lang))),
    h("div", { class: "finding-body" },
      // The summary shows what was found (headline); here the check itself, in its own words.
      block(t(lang, "checked"), h("p", null, glossary.explain(f.title[lang]))),
      f.message && headline(f, lang) !== plainMessage(f.message[lang], lang) ? block(t(lang, "found"), h("p", null, plainMessage(f.message[lang], lang))) : null,
      f.reason ? block(t(lang, "reason"), h("p", null, f.reason[lang])) : null,
      evidence.length > 0 ? block(t(lang, "evidence"), h("ul", { class: "evidence" }, evidence.map((line) => h("li", null,
        `${line.label}: `, line.value.map((piece) => (typeof piece === "string" ? piece : h("span", { class: "ident" }, piece.name))))))) : null,
      block(t(lang, "why"), h("p", null, glossary.explain(f.detail[lang]))),
      problem ? block(t(lang, "steps"), h("ol", { class: "steps" }, stepList(f.remediation.steps[lang], lang).map((step) => h("li", null, glossary.explain(step))))) : null,
      problem ? block(t(lang, "consolePath"), h("p", null, f.remediation.consolePath[lang])) : null,
      consoleLink || guideLink ? h("p", { class: "links" }, consoleLink, guideLink) : null,
      h("dl", { class: "facts" },
        fact(t(lang, "resource"), resourceName(f, lang), "ident"),
        f.ipaItems.length > 0 ? fact(t(lang, "ipaItems"), f.ipaItems.join(", ")) : null,
        fact(t(lang, "firstSeen"), formatDateTime(f.firstSeen, lang)),
        fact(t(lang, "lastSeen"), formatDateTime(f.lastSeen, lang))),
      technicalDetails(f, lang)));
}

/** For the IT vendor: identifiers, the failed call and the raw evidence, behind one disclosure. */
function technicalDetails(f: FeedFinding, lang: Language): HTMLElement {
  return h("details", { class: "tech-details" },
    h("summary", null, t(lang, "technicalDetails")),
    h("dl", { class: "facts" },
      fact(t(lang, "resourceId"), f.resource.uid, "mono"),
      fact(t(lang, "resourceType"), f.resource.type, "mono"),
      f.resource.region ? fact(t(lang, "region"), f.resource.region, "mono") : null,
      fact(t(lang, "checkId"), f.checkId, "mono"),
      f.cause ? fact(t(lang, "failedCall"), `${f.cause.operation}: ${f.cause.code} — ${f.cause.message}`, "mono") : null,
      f.cause?.permission ? fact(t(lang, "permission"), f.cause.permission, "mono") : null),
    f.evidence && Object.keys(f.evidence).length > 0 ? h("pre", { class: "raw-evidence" }, JSON.stringify(f.evidence, null, 2)) : null);
}

function block(title: string, content: HTMLElement): HTMLElement {
  return h("div", { class: "block" }, h("h4", null, title), content);
}

function fact(term: string, value: string, valueClass?: string): HTMLElement[] {
  return [h("dt", null, term), h("dd", { class: valueClass }, value)];
}
