import type { Provider } from "../../checks/framework.ts";
import type { Language } from "../../checks/text.ts";
import type { AnswerInput, StoredAnswer } from "../../feed/answers.ts";
import type { Feed } from "../../feed/schema.ts";
import {
  endSession, loadTenant, postAnswer, sessionCsrfToken, startSession, takeLinkToken, tenantFromPath, type HistoryPoint, type MonthAgo,
} from "./api.ts";
import type { Answering } from "./answering.ts";
import { h, on } from "./dom.ts";
import { NO_FILTERS, type Filters } from "./findings.ts";
import { FindingsView } from "./findings-view.ts";
import { actionsSection, headlineSection, staleBanners } from "./first-screen.ts";
import { formatDateTime } from "./format.ts";
import { Glossary, glossarySection } from "./glossary.ts";
import { loadLanguage, saveLanguage, t, type UiKey } from "./i18n.ts";
import { itemsSection } from "./items-view.ts";
import { progressSection } from "./progress-view.ts";
import { openItemQuestion, openSelfCheck, questionnaireSection } from "./questionnaire.ts";
import { selfCheckSection } from "./self-check-view.ts";
import { shopSection, type SiteApprovalInput } from "./shop-view.ts";

/**
 * The owner's findings page. The HTML shell holds no tenant data: everything comes from the
 * authenticated API, and is drawn with text nodes only (see dom.ts).
 */

type Screen =
  | { kind: "loading" }
  | { kind: "notice"; title: UiKey; body: UiKey }
  | { kind: "results"; feed: Feed; trend: HistoryPoint[]; monthAgo?: MonthAgo; history: StoredAnswer[] };

const root = document.getElementById("app")!;
const tenantId = tenantFromPath(location.pathname);
const filters: Filters = { ...NO_FILTERS };
let lang: Language = loadLanguage();
let screen: Screen = { kind: "loading" };
let findingsView: FindingsView | undefined;
/** Every answer must carry it; set when the session starts or, after a reload, fetched. */
let csrfToken: string | undefined;
/** Said once after an answer is saved, in a live region, then cleared. */
let flash: string | undefined;

function show(next: Screen): void {
  screen = next;
  render();
}

function render(focusId?: string): void {
  // Redrawing replaces the elements: the focus returns to the element of the same id.
  const focused = focusId ?? document.activeElement?.id;
  document.documentElement.lang = lang;
  findingsView = undefined;
  if (screen.kind === "results") {
    const { feed, trend, monthAgo, history } = screen;
    document.title = `${t(lang, "appTitle")} — ${feed.tenant.name}`;
    // One glossary per drawing, in reading order: a term is explained where the owner first meets it.
    const glossary = new Glossary(lang);
    const first = [headlineSection(feed, lang), actionsSection(feed, lang, glossary, (ids) => findingsView?.showOnly({ ids }))];
    const view = new FindingsView(feed, lang, filters, csvFileName(feed), glossary);
    findingsView = view;
    const answering: Answering = { providers: tenantProviders(feed), history, save: saveAnswer };
    root.replaceChildren(
      header(feed),
      h("p", { class: "flash", role: "status", id: "answer-status" }, flash ?? ""),
      h("p", { class: "print-only report-note" }, t(lang, "reportNote", { date: formatDateTime(feed.scan.finishedAt, lang) })),
      staleBanners(feed, lang) ?? "",
      h("main", { class: "layout" },
        ...first,
        itemsSection(feed, lang, { showFindings: (item) => view.showOnly({ item }), answer: (item) => openItemQuestion(feed, item) }),
        shopSection(feed, lang, { history, save: saveAnswer }),
        progressSection(feed, trendAsAnswered(trend, feed), monthAgo, lang, (id) => view.reveal(id)),
        questionnaireSection(feed, lang, answering),
        selfCheckSection(feed, lang, () => openSelfCheck(feed)),
        view.element,
        glossarySection(lang, t(lang, "glossaryTitle"))));
    flash = undefined;
  } else {
    document.title = t(lang, "appTitle");
    root.replaceChildren(header(undefined), h("main", { class: "layout" },
      screen.kind === "loading"
        ? h("p", { class: "card notice" }, t(lang, "loading"))
        : h("section", { class: "card notice", role: "alert" },
          h("h2", null, t(lang, screen.title)),
          h("p", null, t(lang, screen.body)))));
  }
  if (focused) document.getElementById(focused)?.focus();
}

/** The clouds scanned for this tenant; all three when none was, so the facts still inform. */
function tenantProviders(feed: Feed): Provider[] {
  const scanned = feed.scan.providers.map((p) => p.provider);
  return scanned.length > 0 ? scanned : ["aws", "microsoft", "google"];
}

/** The trend ends with the score as answered now, not as the scan left it, so the two agree. */
function trendAsAnswered(trend: readonly HistoryPoint[], feed: Feed): HistoryPoint[] {
  const { score, failBySeverity: { critical, high } } = feed.summary;
  return trend.map((p) => (p.scanId === feed.scan.id ? { ...p, score, critical, high } : p));
}

async function saveAnswer(input: AnswerInput | SiteApprovalInput, what: string, focusId: string): Promise<string | undefined> {
  if (!tenantId || !csrfToken) return t(lang, "noCsrf");
  const problem = await postAnswer(tenantId, csrfToken, input);
  if (problem !== undefined) return t(lang, "saveFailed", { reason: problem });
  const loaded = await loadTenant(tenantId);
  if (loaded.kind !== "ok") return t(lang, "loadFailed");
  flash = t(lang, "saved", { what });
  screen = { ...loaded, kind: "results" };
  render(focusId);
  return undefined;
}

function header(feed: Feed | undefined): HTMLElement {
  const languageSwitch = on(h("button", {
    type: "button", id: "language-switch", lang: lang === "ja" ? "en" : "ja", "aria-label": t(lang, "switchLanguageLabel"),
  }, t(lang, "switchLanguage")), "click", () => {
    lang = lang === "ja" ? "en" : "ja";
    saveLanguage(lang);
    render();
  });
  return h("header", { class: "top" },
    h("div", { class: "heading" },
      h("h1", null, t(lang, "appTitle")),
      feed ? h("p", { class: "tenant" }, h("strong", { class: "ident" }, feed.tenant.name), " ",
        h("span", { class: "small" }, t(lang, "scannedAt", { date: formatDateTime(feed.scan.finishedAt, lang) }))) : null),
    h("div", { class: "actions" },
      languageSwitch,
      feed ? on(h("button", { type: "button" }, t(lang, "print")), "click", () => window.print()) : null,
      feed && tenantId ? on(h("button", { type: "button" }, t(lang, "signOut")), "click", () => void signOut(tenantId)) : null));
}

function csvFileName(feed: Feed): string {
  return `cloud15-${tenantId ?? "findings"}-${feed.scan.finishedAt.slice(0, 10)}.csv`;
}

async function signOut(id: string): Promise<void> {
  await endSession(id);
  show({ kind: "notice", title: "appTitle", body: "signedOut" });
}

/** The report prints every action, not only the first few: the rest are opened for printing, then closed again. */
let openedForPrint: HTMLDetailsElement[] = [];
window.addEventListener("beforeprint", () => {
  openedForPrint = [...document.querySelectorAll<HTMLDetailsElement>("details.more-actions")].filter((d) => !d.open);
  for (const d of openedForPrint) d.open = true;
});
window.addEventListener("afterprint", () => {
  for (const d of openedForPrint) d.open = false;
  openedForPrint = [];
});

async function start(): Promise<void> {
  render();
  if (!tenantId) return show({ kind: "notice", title: "loginTitle", body: "loginBody" });
  const token = takeLinkToken();
  try {
    if (token !== undefined) {
      csrfToken = await startSession(tenantId, token);
      if (csrfToken === undefined) return show({ kind: "notice", title: "loginTitle", body: "linkRefused" });
    }
  } catch {
    return show({ kind: "notice", title: "appTitle", body: "loadFailed" });
  }
  const loaded = await loadTenant(tenantId);
  switch (loaded.kind) {
    case "ok":
      csrfToken ??= await sessionCsrfToken(tenantId).catch(() => undefined);
      return show({ ...loaded, kind: "results" });
    case "unauthorized": return show({ kind: "notice", title: "loginTitle", body: "loginBody" });
    case "no-feed": return show({ kind: "notice", title: "appTitle", body: "noFeed" });
    case "failed": return show({ kind: "notice", title: "appTitle", body: "loadFailed" });
  }
}

void start();
