import { fill, type Language, type Text } from "../../checks/text.ts";
import type { AttestationAnswer, Feed, FeedFinding, FeedItem, FeedProviderScan } from "../../feed/schema.ts";

/**
 * Every string the page shows, in both languages, in the project's one i18n format (`Text`).
 * Placeholders are `{name}`, filled by `fill` from checks/text.ts.
 */
export const UI = {
  appTitle: { ja: "クラウド安全チェック", en: "Cloud safety check" },
  loading: { ja: "読み込み中…", en: "Loading…" },
  switchLanguage: { ja: "English", en: "日本語" },
  switchLanguageLabel: { ja: "Switch to English", en: "日本語に切り替え" },
  loginTitle: { ja: "このページを見るには", en: "To see this page" },
  loginBody: {
    ja: "担当者から届いたリンクを開いてください。リンクには有効期限があります。",
    en: "Open the link you were sent. Links expire after a while.",
  },
  linkRefused: {
    ja: "このリンクは期限切れか、正しくありません。新しいリンクを担当者に依頼してください。",
    en: "This link has expired or is not valid. Ask for a new one.",
  },
  signedOut: { ja: "ログアウトしました。", en: "You have signed out." },
  noFeed: { ja: "まだスキャン結果がありません。最初のスキャンの後に開いてください。", en: "No scan results yet. Open this page after the first scan." },
  loadFailed: { ja: "読み込めませんでした。しばらくしてから再読み込みしてください。", en: "Could not load the results. Reload the page in a while." },
  print: { ja: "印刷・PDF", en: "Print / PDF" },
  signOut: { ja: "ログアウト", en: "Sign out" },
  scannedAt: { ja: "スキャン日時: {date}", en: "Scanned: {date}" },

  scoreTitle: { ja: "安全スコア", en: "Safety score" },
  scoreOutOf: { ja: "/ 100 点", en: "/ 100" },
  scoreGood: { ja: "おおむね良好です", en: "Mostly in good shape" },
  scoreFair: { ja: "改善が必要です", en: "Needs work" },
  scorePoor: { ja: "すぐに対策が必要です", en: "Needs action now" },
  scoreExplained: {
    ja: "自動の確認と、15 の項目へのあなたの回答のうち、問題がなかった割合です（重要度で重み付け）。確認できなかったものは安全とみなしていません。",
    en: "The share of automatic checks and of your answers to the 15 items that are in order, weighted by severity. Anything that could not be checked counts as not safe.",
  },
  failCount: { ja: "要対応 {n} 件", en: "{n} to fix" },
  trendTitle: { ja: "スコアの推移", en: "Score trend" },
  trendChange: { ja: "前回 {previous} 点 → 今回 {current} 点（{delta}）", en: "Last scan {previous} → now {current} ({delta})" },
  trendFirst: { ja: "初めてのスキャンです。", en: "This is the first scan." },
  trendLabel: { ja: "スコアの推移（古い順）: {scores}", en: "Score trend, oldest first: {scores}" },
  scannedClouds: { ja: "読み取り状況", en: "What could be read" },
  providerScanProblems: {
    ja: "一部の情報を読み取れませんでした。その部分は「確認できず」と表示し、安全とはみなしていません。",
    en: "Some information could not be read. Those checks show as “could not check” and are not counted as safe.",
  },

  fixFirstTitle: { ja: "まずはここから直しましょう", en: "Fix these first" },
  fixFirstNone: { ja: "急いで直すべき問題は見つかりませんでした。", en: "Nothing urgent to fix." },

  itemsTitle: { ja: "15 の項目", en: "The 15 items" },
  itemsIntro: {
    ja: "IPA「クラウドサービス安全利用のための15項目」に沿った、今の状況です。",
    en: "Where you stand on IPA's 15 items for safe cloud use.",
  },
  ipaGuide: { ja: "IPA のガイドライン", en: "IPA's guideline" },
  itemNumber: { ja: "項目 {n}", en: "Item {n}" },
  itemShowFindings: { ja: "この項目の結果を見る（{n} 件）", en: "Show its results ({n})" },
  itemCounts: { ja: "要対応 {fail}・確認できず {error}・問題なし {pass}", en: "{fail} to fix · {error} not checked · {pass} passed" },
  question: { ja: "質問", en: "Question" },
  answer: { ja: "回答", en: "Answer" },
  notAnswered: { ja: "まだ回答がありません。", en: "Not answered yet." },
  answeredOn: { ja: "{date} 回答", en: "answered {date}" },
  answeredBy: { ja: "{date} {by} が回答", en: "answered {date} by {by}" },

  changesTitle: { ja: "前回のスキャンからの変化", en: "Since the last scan" },
  newTitle: { ja: "新しく見つかった問題（{n} 件）", en: "New problems ({n})" },
  resolvedTitle: { ja: "直った問題（{n} 件）", en: "Fixed ({n})" },
  none: { ja: "ありません。", en: "None." },
  more: { ja: "ほか {n} 件", en: "{n} more" },

  listTitle: { ja: "すべての確認結果", en: "All results" },
  filterCloud: { ja: "クラウド", en: "Cloud" },
  filterStatus: { ja: "結果", en: "Result" },
  filterSeverity: { ja: "重要度", en: "Severity" },
  filterItem: { ja: "IPA の項目", en: "IPA item" },
  filterNew: { ja: "新規のみ", en: "New only" },
  filterAll: { ja: "すべて", en: "All" },
  search: { ja: "検索", en: "Search" },
  searchHint: { ja: "名前・タイトル・ID", en: "Name, title or id" },
  clearFilters: { ja: "絞り込みを解除", en: "Clear filters" },
  shown: { ja: "{total} 件中 {shown} 件を表示", en: "Showing {shown} of {total}" },
  noMatch: { ja: "条件に合う結果はありません。", en: "No results match." },
  exportCsv: { ja: "表示中の結果を CSV で保存", en: "Save the shown results as CSV" },

  checked: { ja: "確認していること", en: "What is checked" },
  found: { ja: "見つかったこと", en: "What was found" },
  why: { ja: "なぜ大切か", en: "Why it matters" },
  steps: { ja: "直し方", en: "How to fix it" },
  consolePath: { ja: "管理画面の場所", en: "Where in the console" },
  openConsole: { ja: "管理画面で開く", en: "Open in the console" },
  readGuide: { ja: "提供元の説明を読む", en: "Read the provider's guide" },
  reason: { ja: "確認できなかった理由", en: "Why it could not be checked" },
  failedCall: { ja: "失敗した操作", en: "Failed operation" },
  permission: { ja: "必要な権限", en: "Permission needed" },
  evidence: { ja: "根拠", en: "Evidence" },
  resource: { ja: "対象", en: "Resource" },
  resourceId: { ja: "リソース ID", en: "Resource id" },
  region: { ja: "リージョン", en: "Region" },
  ipaItems: { ja: "IPA の項目", en: "IPA items" },
  checkId: { ja: "チェック ID", en: "Check id" },
  firstSeen: { ja: "最初に見つけた日時", en: "First seen" },
  lastSeen: { ja: "最後に確認した日時", en: "Last seen" },
  severity: { ja: "重要度", en: "Severity" },
  cloud: { ja: "クラウド", en: "Cloud" },
  service: { ja: "サービス", en: "Service" },
  status: { ja: "結果", en: "Result" },
  change: { ja: "変化", en: "Change" },
  title: { ja: "内容", en: "Title" },
  findingId: { ja: "結果 ID", en: "Result id" },

  answerer: { ja: "回答者のお名前（記録に残ります）", en: "Your name (kept with each answer)" },
  answererHint: {
    ja: "このページのリンクは会社ごとのものなので、誰が答えたかはここに入力した名前で記録します。",
    en: "The link to this page belongs to the company, not a person: answers are recorded with the name you enter here.",
  },
  chooseAnswer: { ja: "回答を選んでください", en: "Choose your answer" },
  note: { ja: "メモ（任意・2000 文字まで）", en: "Note (optional, up to 2,000 characters)" },
  saveAnswer: { ja: "回答を保存", en: "Save answer" },
  saved: { ja: "保存しました（{what}）。表示を更新しました。", en: "Saved ({what}). The page is up to date." },
  saveFailed: { ja: "保存できませんでした: {reason}", en: "Could not save: {reason}" },
  noCsrf: {
    ja: "回答するには、担当者から届いたリンクをもう一度開いてください。",
    en: "To answer, open the link you were sent once more.",
  },
  earlierAnswers: { ja: "これまでの回答（{n} 件）", en: "Earlier answers ({n})" },
  historyLine: { ja: "{at} {answer}{by}", en: "{at} {answer}{by}" },
  historyBy: { ja: "（{by}）", en: " (by {by})" },
  suggested: { ja: "提案", en: "Suggested" },
  providerFactsTitle: { ja: "提供元について分かっていること（ご自身で確認してください）", en: "What is known about your providers (please confirm)" },
  providerFactSource: { ja: "出典", en: "Source" },
  providerFactChecked: { ja: "{date} 確認", en: "checked {date}" },
  providerFactsSuggest: {
    ja: "内容を確かめて納得できれば「実施済み」で保存してください（あらかじめ選んであります）。",
    en: "If you have checked these and are satisfied, save “Done” (already selected).",
  },
  itemLabel: { ja: "項目 {n}", en: "item {n}" },
  questionLabel: { ja: "自社診断 問 {n}", en: "self-check question {n}" },

  selfCheckTitle: { ja: "情報セキュリティ自社診断（25 問）", en: "Security self-check (25 questions)" },
  selfCheckIntro: {
    ja: "IPA「5分でできる！情報セキュリティ自社診断」の 25 問に答えると、自社の対策の状況が分かります。質問は要約して言い換えたものです。元の診断シートは IPA のサイトにあります。",
    en: "Answer the 25 questions of IPA's five-minute security self-check to see where your company stands. The questions here are our summaries; IPA's own sheet is on its site.",
  },
  selfCheckSource: { ja: "IPA の自社診断とガイドライン", en: "IPA's self-check and guideline" },
  selfCheckScore: { ja: "{score} 点 / 100 点", en: "{score} / 100 points" },
  selfCheckAnswered: { ja: "{n} / 25 問に回答（最終回答 {date}）", en: "{n} of 25 answered (last answer {date})" },
  selfCheckIncomplete: {
    ja: "全 25 問に答えると、IPA の 4 段階の判定が出ます。それまでの点数は途中の合計です。",
    en: "Once all 25 are answered you get IPA's band. Until then the score is a running total.",
  },
  selfCheckNone: { ja: "まだ回答がありません。", en: "No answers yet." },
  selfCheckBands: { ja: "点数の見方（4 段階）", en: "What the total means (four bands)" },
  selfCheckPoints: {
    ja: "1 問ごとに、実施している 4 点・一部実施 2 点・実施していない 0 点・わからない −1 点。満点は 100 点です。",
    en: "Each question scores 4 when done, 2 when partly done, 0 when not done and −1 when you don't know. The best total is 100.",
  },
  selfCheckSaveHint: { ja: "選ぶとすぐに保存されます。", en: "Your choice is saved at once." },
  scEvidence: { ja: "スキャン結果: {items}", en: "From the scan: {items}" },
  scEvidenceItem: { ja: "項目 {n}「{title}」は「{status}」", en: "item {n} “{title}” is “{status}”" },
  scSuggestion: { ja: "提案: {answer}", en: "Suggested answer: {answer}" },
  scNoSuggestion: { ja: "スキャン結果からは判断できません。", en: "The scan cannot tell: your call." },

  securityActionTitle: { ja: "SECURITY ACTION ★★（二つ星）の宣言へ", en: "Towards a SECURITY ACTION ★★ (two-star) declaration" },
  securityActionBody: {
    ja: "SECURITY ACTION は、中小企業が情報セキュリティ対策に取り組むことを自ら宣言する制度です。IPA が審査したり保証したりするものではありません。二つ星は、この自社診断で自社の状況をつかみ、情報セキュリティ基本方針を定めて外部に公開したうえで宣言します。",
    en: "SECURITY ACTION is a self-declaration: a small company declares that it works on information security. IPA does not audit or vouch for it. The two-star level is declared after this self-check shows where you stand and you have set and published an information security policy.",
  },
  securityActionStep1: { ja: "自社診断の 25 問に答える", en: "Answer all 25 self-check questions" },
  securityActionStep2: { ja: "情報セキュリティ基本方針を定める（IPA のひな形があります）", en: "Set an information security policy (IPA provides a template)" },
  securityActionStep3: { ja: "方針を外部に公開し、SECURITY ACTION のサイトで宣言する", en: "Publish the policy and declare on the SECURITY ACTION site" },
  securityActionDone: { ja: "済み", en: "done" },
  securityActionTodo: { ja: "これから", en: "to do" },
  securityActionLink: { ja: "SECURITY ACTION（IPA）", en: "SECURITY ACTION (IPA)" },
} satisfies Record<string, Text>;

export type UiKey = keyof typeof UI;

export const PROVIDER_NAMES: Record<FeedFinding["provider"], Text> = {
  aws: { ja: "AWS", en: "AWS" },
  microsoft: { ja: "Microsoft 365", en: "Microsoft 365" },
  google: { ja: "Google Workspace", en: "Google Workspace" },
  site: { ja: "EC サイト", en: "Online shop" },
  owner: { ja: "自社の回答", en: "Your answers" },
};

export const PROVIDER_SCAN_STATUS: Record<FeedProviderScan["status"], Text> = {
  ok: { ja: "すべて読み取れました", en: "everything read" },
  partial: { ja: "一部を読み取れませんでした", en: "some information could not be read" },
  error: { ja: "読み取れませんでした", en: "nothing could be read" },
};

export const SEVERITY_NAMES: Record<FeedFinding["severity"], Text> = {
  critical: { ja: "緊急", en: "Critical" },
  high: { ja: "高", en: "High" },
  medium: { ja: "中", en: "Medium" },
  low: { ja: "低", en: "Low" },
  info: { ja: "情報", en: "Info" },
};

export const FINDING_STATUS_NAMES: Record<FeedFinding["status"], Text> = {
  fail: { ja: "要対応", en: "Fix needed" },
  error: { ja: "確認できず", en: "Could not check" },
  manual: { ja: "要確認", en: "Needs your answer" },
  skipped: { ja: "対象外", en: "Skipped" },
  pass: { ja: "問題なし", en: "OK" },
};

export const STATE_NAMES: Record<NonNullable<FeedFinding["state"]>, Text> = {
  new: { ja: "新規", en: "New" },
  open: { ja: "継続", en: "Still open" },
  resolved: { ja: "解決済み", en: "Fixed" },
};

export const ITEM_STATUS_NAMES: Record<FeedItem["status"], Text> = {
  pass: { ja: "問題なし", en: "OK" },
  fail: { ja: "要対応", en: "Fix needed" },
  partial: { ja: "一部要対応", en: "Partly" },
  error: { ja: "確認できず", en: "Could not check" },
  manual: { ja: "回答待ち", en: "Your answer needed" },
};

/** What each grid status means, in the owner's words. */
export const ITEM_STATUS_MEANINGS: Record<FeedItem["status"], Text> = {
  pass: { ja: "自動で確認できた範囲では問題ありません。", en: "No problems in what could be checked automatically." },
  fail: { ja: "直すべき設定が見つかりました。", en: "Settings that need fixing were found." },
  partial: { ja: "一部の確認で問題が見つかりました。", en: "Some checks found problems." },
  error: {
    ja: "権限不足などで確認できませんでした。安全とはみなしていません。",
    en: "Could not be checked (for example, a missing permission). Not counted as safe.",
  },
  manual: { ja: "自動では確認できません。質問に答えてください。", en: "No API can check this: answer the question." },
};

export const SELF_CHECK_ANSWER_NAMES: Record<NonNullable<Feed["selfCheck"]>["answers"][number]["answer"], Text> = {
  done: { ja: "実施している", en: "Done" },
  partly: { ja: "一部実施している", en: "Partly done" },
  not_done: { ja: "実施していない", en: "Not done" },
  unknown: { ja: "わからない", en: "Don't know" },
};

export const ATTESTATION_NAMES: Record<AttestationAnswer["answer"], Text> = {
  done: { ja: "実施済み", en: "Done" },
  partly: { ja: "一部実施", en: "Partly done" },
  not_done: { ja: "未実施", en: "Not done" },
  not_applicable: { ja: "該当なし", en: "Not applicable" },
};

/** The string for `key` in `lang`, with `{name}` placeholders filled. */
export function t(lang: Language, key: UiKey, params: Record<string, string | number> = {}): string {
  return fill(UI[key], params)[lang];
}

const LANGUAGE_KEY = "cloud15.language";

/** Japanese unless the reader chose English before. Storage can be blocked (private mode): then Japanese. */
export function loadLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === "en" ? "en" : "ja";
  } catch {
    return "ja";
  }
}

export function saveLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Not remembered this time; the switch still works for this visit.
  }
}
