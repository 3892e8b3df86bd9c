import type { Text } from "../../checks/text.ts";

/** Every string of the vendor overview, in the project's one i18n format; `{name}` placeholders. */
export const VENDOR_UI = {
  title: { ja: "お客様の一覧（IT ベンダー用）", en: "Your clients (for the IT vendor)" },
  lead: {
    ja: "緊急の問題が多い会社から順に並べています。点検できなかった会社は、問題がないとは限りません。",
    en: "Clients with the most urgent problems come first. A client whose scan failed is not known to be safe.",
  },
  totals: { ja: "{tenants} 社 · 緊急の問題がある会社 {urgent} 社 · 点検できなかった会社 {failed} 社", en: "{tenants} clients · {urgent} with urgent problems · {failed} not fully checked" },
  switchLanguage: { ja: "English", en: "日本語" },
  switchLanguageLabel: { ja: "Switch to English", en: "日本語に切り替え" },
  signOut: { ja: "ログアウト", en: "Sign out" },
  signedOut: { ja: "ログアウトしました。", en: "You have signed out." },
  loginTitle: { ja: "このページを見るには", en: "To see this page" },
  loginBody: {
    ja: "cloud15 serve（または cloud15 link --vendor）が表示した IT ベンダー用のリンクを開いてください。お客様用のリンクでは開けません。",
    en: "Open the IT vendor's link printed by cloud15 serve (or cloud15 link --vendor). A client's link does not open this page.",
  },
  linkRefused: {
    ja: "このリンクは期限切れか、IT ベンダー用のものではありません。cloud15 serve を起動し直して新しいリンクを開いてください。",
    en: "This link has expired or is not the IT vendor's. Restart cloud15 serve and open the new link.",
  },
  loadFailed: { ja: "読み込めませんでした。しばらくしてから再読み込みしてください。", en: "Could not load the overview. Reload the page in a while." },
  none: { ja: "まだ点検結果のある会社がありません。最初の点検の後に開いてください。", en: "No client has scan results yet. Open this page after the first scan." },

  company: { ja: "会社", en: "Client" },
  urgent: { ja: "緊急", en: "Urgent" },
  urgentCount: { ja: "緊急 {n} 件", en: "{n} urgent" },
  highCount: { ja: "重要 {n} 件", en: "{n} high" },
  noUrgent: { ja: "緊急なし", en: "None urgent" },
  unknown: { ja: "不明", en: "Unknown" },
  score: { ja: "スコア", en: "Score" },
  scoreValue: { ja: "{score} 点", en: "{score}/100" },
  trend: { ja: "推移", en: "Trend" },
  trendChange: { ja: "{count} 回前から {delta}", en: "{delta} over {count} scans" },
  trendNone: { ja: "推移はまだありません", en: "No trend yet" },
  trendLabel: { ja: "スコアの推移: {scores}", en: "Score trend: {scores}" },
  lastScan: { ja: "最終点検", en: "Last scan" },
  daysAgo: { ja: "{n} 日前", en: "{n} days ago" },
  today: { ja: "今日", en: "today" },
  oldScan: { ja: "点検が {n} 日止まっています", en: "No scan for {n} days" },
  scans: { ja: "点検できなかったもの", en: "Scans that failed" },
  scansOk: { ja: "すべて点検できました", en: "All checked" },
  unreadable: { ja: "結果のファイルを読めません。担当者が確認してください。", en: "The results file cannot be read. Someone needs to look at it." },
  partial: { ja: "{cloud}: 一部を読めませんでした（{n} 件）", en: "{cloud}: some settings could not be read ({n})" },
  error: { ja: "{cloud}: 何も読めませんでした（権限か接続を確認）", en: "{cloud}: nothing could be read (check access or connection)" },
  unreachable: { ja: "{cloud}: 接続できませんでした", en: "{cloud}: could not be reached" },
  stale: { ja: "（{date} の結果を表示中）", en: " (showing results from {date})" },
  engineers: { ja: "詳細（技術者向け）", en: "Details (for engineers)" },
  site: { ja: "EC サイト", en: "the online shop" },
} satisfies Record<string, Text>;

export type VendorUiKey = keyof typeof VENDOR_UI;

/** Product names are the same in both languages. */
export const CLOUD_NAMES: Record<string, string> = {
  aws: "AWS",
  microsoft: "Microsoft 365",
  google: "Google Workspace",
};
