import { fill, type Language, type Text } from "../../checks/text.ts";
import type { AttestationAnswer, Feed, FeedFinding, FeedItem } from "../../feed/schema.ts";

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
  print: { ja: "月次レポートを印刷", en: "Print monthly report" },
  reportNote: {
    ja: "月次レポート: {date} のスキャン結果です。IPA のガイドラインのとおり、毎月この報告で状況を見直しましょう。",
    en: "Monthly report: results of the scan of {date}. As IPA's guideline advises, review where you stand every month with this report.",
  },
  signOut: { ja: "ログアウト", en: "Sign out" },
  scannedAt: { ja: "スキャン日時: {date}", en: "Scanned: {date}" },

  scoreOutOf: { ja: "/ 100 点", en: "/ 100" },
  trendChange: {
    ja: "スコアは前回 {previous} 点 → 今回 {current} 点（{delta}）。残っている問題: 緊急 {critical} 件・高 {high} 件。",
    en: "Score: last scan {previous} → now {current} ({delta}). Still open: {critical} critical, {high} high.",
  },
  trendFirst: { ja: "初めてのスキャンです。次のスキャンから変化をグラフで表示します。", en: "This is the first scan. From the next one, changes are drawn here." },
  trendLabel: { ja: "スコアと残っている問題の推移（古い順）: {points}", en: "Score and open problems, oldest first: {points}" },
  trendPoint: { ja: "{date} {score} 点・緊急 {critical}・高 {high}", en: "{date}: {score}, {critical} critical, {high} high" },
  legendScore: { ja: "スコア（線）", en: "Score (line)" },
  legendCritical: { ja: "緊急の問題（棒）", en: "Critical problems (bars)" },
  legendHigh: { ja: "重要度「高」の問題（棒）", en: "High problems (bars)" },
  progressTitle: { ja: "これまでの変化", en: "Change over time" },
  fixedSince: { ja: "{date} から直ったもの（{n} 件）", en: "Fixed since {date} ({n})" },
  newSince: { ja: "{date} 以降に見つかったもの（{n} 件）", en: "New since {date} ({n})" },
  scannedClouds: { ja: "読み取ったクラウド", en: "Clouds read" },
  providerOk: { ja: "すべて読み取れました", en: "everything read" },
  providerPartial: { ja: "一部を読み取れませんでした", en: "some information could not be read" },
  providerError: { ja: "読み取れませんでした", en: "nothing could be read" },
  providerUnreachable: { ja: "接続できませんでした", en: "could not be reached" },
  staleBanner: {
    ja: "{cloud} は {since} から確認できていません（{reason}）。{cloud} について表示している結果は、その時点のものです。",
    en: "{cloud} could not be checked since {since} ({reason}). The results shown for it are from that date.",
  },
  staleMark: { ja: "前回の結果", en: "earlier result" },

  headlineCritical: { ja: "緊急 {n} 件", en: "{n} urgent problems" },
  headlineHigh: { ja: "重要な問題 {n} 件", en: "{n} important problems" },
  headlineNone: { ja: "急いで直す問題はありません", en: "Nothing urgent to fix" },
  headlineOthers: { ja: "ほかに直すべき問題が {n} 件あります。", en: "{n} more problems to fix." },
  scoreLine: { ja: "安全スコア", en: "Safety score" },
  bandDanger: {
    ja: "— 合格点ではありません。緊急の問題が 1 件でも残っていれば、点数に関係なく危険な状態です。",
    en: "— not a pass mark: while an urgent problem remains, the company is at risk whatever the score.",
  },
  bandWarning: {
    ja: "— 重要な問題が残っています。今月中に直しましょう。",
    en: "— important problems remain; fix them this month.",
  },
  bandFair: { ja: "— 急ぎの問題はありませんが、改善が必要です。", en: "— nothing urgent, but there is work to do." },
  bandGood: { ja: "— おおむね良好です。", en: "— mostly in good shape." },

  actionsTitle: { ja: "今やること（危険の大きい順）", en: "What to do now (most dangerous first)" },
  actionsNone: { ja: "急いで直すべき問題は見つかりませんでした。", en: "Nothing urgent to fix." },
  moreActions: { ja: "ほかの対応（{n} 件）", en: "More to do ({n})" },
  maybePersonal: { ja: "（顧客・個人の情報の可能性）", en: " (may be personal data)" },
  whoOwner: { ja: "担当: 社長・社内の担当者", en: "Who: you or your staff" },
  whoVendor: { ja: "担当: IT 担当者・委託先", en: "Who: your IT person or vendor" },
  aboutMinutes: { ja: "目安: 約 {n} 分", en: "About {n} minutes" },
  aboutHours: { ja: "目安: 約 {n} 時間", en: "About {n} hours" },
  showTargets: { ja: "対象の一覧を見る（{n} 件）", en: "See the list ({n})" },
  providerScanProblems: {
    ja: "一部の情報を読み取れませんでした。その部分は「確認できず」と表示し、安全とはみなしていません。",
    en: "Some information could not be read. Those checks show as “could not check” and are not counted as safe.",
  },

  itemsTitle: { ja: "15 の項目", en: "The 15 items" },
  itemsIntro: {
    ja: "IPA「クラウドサービス安全利用のための15項目」に沿った、今の状況です。",
    en: "Where you stand on IPA's 15 items for safe cloud use.",
  },
  ipaGuide: { ja: "IPA のガイドライン", en: "IPA's guideline" },
  itemNumber: { ja: "項目 {n}", en: "Item {n}" },
  itemShowFindings: { ja: "結果を見る（{n} 件）", en: "See results ({n})" },
  itemScan: { ja: "自動確認: {parts}", en: "Scan: {parts}" },
  itemScanFailing: { ja: "要対応 {n} 件", en: "{n} to fix" },
  itemScanSeverities: { ja: "（{counts}）", en: " ({counts})" },
  itemErrors: { ja: "確認できず {n} 件", en: "{n} could not be checked" },
  itemPassed: { ja: "問題なし {n} 件", en: "{n} passed" },
  itemAnswered: { ja: "回答: {answer}", en: "Answer: {answer}" },
  itemAnswer: { ja: "質問に答える", en: "Answer its question" },
  itemChangeAnswer: { ja: "回答を見直す", en: "Review the answer" },
  itemFacts: { ja: "スキャンで分かったこと", en: "What the scan found" },
  itemFactsCount: { ja: "スキャンで分かったこと（{n} 件）", en: "What the scan found ({n})" },
  itemFactsNote: {
    ja: "問題の数には入れていません。読んで、対応が要るかを判断してください。",
    en: "Not counted as a problem: read it and decide whether anything needs doing.",
  },
  itemRules: { ja: "確かめた会社のルール", en: "Your company's rules it checks" },
  itemRulesDefault: { ja: "確かめた会社のルール（すべて標準の値）", en: "Your company's rules it checks (all standard values)" },
  ruleLine: { ja: "{name}: {value}", en: "{name}: {value}" },
  ruleDefault: { ja: "（標準の値）", en: " (standard value)" },
  ruleDefaultHint: {
    ja: "「標準の値」は、会社で決めていないときに使う値です。会社のルールに合わせて変えるときは、IT 担当者に設定を依頼してください。",
    en: "A standard value applies where the company has not set its own. To use your own rule instead, ask your IT contact to change the settings.",
  },
  itemWhy: { ja: "自動で確かめていること（{n}）", en: "What the scan checks here ({n})" },
  notAnswered: { ja: "まだ回答がありません。", en: "Not answered yet." },

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
  evidence: { ja: "確認した内容", en: "What the scan saw" },
  technicalDetails: { ja: "詳細（技術者向け）", en: "Details (for engineers)" },
  resourceType: { ja: "種類", en: "Type" },
  glossaryTitle: { ja: "用語の説明", en: "Glossary" },
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
  providerFactsTitle: { ja: "ご利用の提供元について分かっていること — ご確認ください", en: "What we know about your provider — please confirm" },
  providerFactsConfirm: {
    ja: "内容と出典を確かめてから、ご自身で回答を選んでください。",
    en: "Check these and their sources, then choose your answer yourself.",
  },
  questionnaireTitle: { ja: "質問に答える", en: "Answer the questions" },
  questionnaireIntro: {
    ja: "スキャンでは分からないことを、1 問ずつ伺います。答えは記録に残り、15 の項目とスコアにすぐ反映されます。",
    en: "One question at a time about what no scan can see. Each answer is kept and shows in the 15 items and the score at once.",
  },
  trackItems: { ja: "15 の項目の質問（{answered} / {total} 問回答済み）", en: "The 15 items' questions ({answered} of {total} answered)" },
  trackSelfCheck: { ja: "自社診断 25 問（{answered} / {total} 問回答済み）", en: "Self-check, 25 questions ({answered} of {total} answered)" },
  questionProgress: { ja: "{total} 問中 {n} 問目", en: "Question {n} of {total}" },
  saveAndNext: { ja: "回答を保存して次へ", en: "Save and go on" },
  previous: { ja: "前の質問", en: "Previous" },
  skip: { ja: "答えずに次へ", en: "Skip for now" },
  onRecord: { ja: "記録されている回答: {answer}（{date}）", en: "Answer on record: {answer} ({date})" },
  onRecordBy: { ja: "記録されている回答: {answer}（{date}、{by}）", en: "Answer on record: {answer} ({date}, {by})" },
  noQuestions: { ja: "答える質問はありません。", en: "No questions to answer." },
  providerFactSource: { ja: "出典", en: "Source" },
  providerFactChecked: { ja: "{date} 確認", en: "checked {date}" },
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
  selfCheckStart: { ja: "自社診断の質問に答える", en: "Answer the self-check questions" },
  scEvidence: { ja: "スキャン結果: {items}", en: "From the scan: {items}" },
  scEvidenceItem: { ja: "項目 {n}「{title}」は「{status}」", en: "item {n} “{title}” is “{status}”" },

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
