import { ALERT_WINDOW_DAYS } from "../../providers/google/alerts.ts";
import { isOpen, type GoogleFacts, type WorkspaceAlert } from "../../providers/google/facts.ts";
import { defineCheck, eachResource, type ResourceRef } from "../framework.ts";
import type { Text } from "../text.ts";

const ALERT_CENTER_URL = "https://admin.google.com/ac/ac";

/** The commonest alert types in Japanese; others keep Google's name, which the resource shows anyway. */
const TYPE_JA: Record<string, string> = {
  "User reported phishing": "ユーザーから報告されたフィッシング",
  "Suspicious login": "不審なログイン",
  "Leaked password": "漏洩したパスワード",
  "Government-backed attacks": "政府の支援を受けた攻撃",
  "Suspicious programmatic login": "プログラムによる不審なログイン",
  "User suspended for suspicious activity": "不審な行為によるユーザーの停止",
  "Phishing reclassification": "フィッシングの再分類",
  "Malware reclassification": "マルウェアの再分類",
  "Device compromised": "デバイスの侵害",
};

const SEVERITY: Record<string, Text> = {
  HIGH: { ja: "高", en: "high" },
  MEDIUM: { ja: "中", en: "medium" },
  LOW: { ja: "低", en: "low" },
  UNDETERMINED: { ja: "不明", en: "undetermined" },
};

/** Most urgent first, so the message leads with what matters. */
const SEVERITY_ORDER = ["HIGH", "MEDIUM", "LOW", "UNDETERMINED"];

function alertTypeResource(type: string): ResourceRef {
  return { uid: `google:alertcenter/type/${type}`, name: type, type: "Google::AlertCenter::AlertType", consoleUrl: ALERT_CENTER_URL };
}

function typeName(type: string): Text {
  return { ja: TYPE_JA[type] ?? `「${type}」`, en: `"${type}"` };
}

/** "高 1 件、中 2 件" / "1 high, 2 medium": severities added later are named as sent. */
function bySeverity(alerts: readonly WorkspaceAlert[]): Text {
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(a.severity, (counts.get(a.severity) ?? 0) + 1);
  const order = (s: string) => (SEVERITY_ORDER.includes(s) ? SEVERITY_ORDER.indexOf(s) : SEVERITY_ORDER.length);
  const sorted = [...counts.entries()].sort(([a], [b]) => order(a) - order(b));
  return {
    ja: sorted.map(([s, n]) => `重要度 ${SEVERITY[s]?.ja ?? s} ${n} 件`).join("、"),
    en: sorted.map(([s, n]) => `${n} ${SEVERITY[s]?.en ?? s}`).join(", "),
  };
}

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.alertcenter.open_alerts",
    provider: "google",
    service: "alertcenter",
    severity: "high",
    ipaItems: [11],
    itemReasons: {
      11: {
        ja: "アラート センターは Google Workspace に付いている監視の機能です。警告が放置されていないかで、その機能を使えているかが分かります。",
        en: "The Alert Center is the monitoring that comes with Google Workspace; alerts left open show whether it is actually used.",
      },
    },
    title: { ja: "セキュリティの警告（アラート）が放置されていない", en: "No security alert is left open" },
    detail: {
      ja: "Google は、不審なログイン、フィッシングメールの報告、漏れたパスワードなどを見つけると、管理コンソールの「アラート センター」に警告を出します。誰も見ないままだと、乗っ取りや情報漏えいに気付くのが遅れます。過去 30 日の警告のうち、まだ「終了」になっていないものを数えます。",
      en: "When Google sees a suspicious sign-in, a reported phishing mail or a leaked password, it raises an alert in the Admin console's Alert Center. Left unread, a takeover or a leak is noticed late. This counts the alerts of the last 30 days that are not yet closed.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「セキュリティ > アラート センター」を開き、未対応の警告を重要度の高いものから確認します。対象のユーザーに心当たりを聞き、必要ならパスワードを変えてもらい、ログイン中のセッションを終了します。確認が済んだら状態を「終了」にします。警告をメールで受け取るよう、担当者を決めておきます。",
        en: "Open Security > Alert Center in the Admin console and go through the open alerts, most severe first. Ask the user concerned, have them change their password if needed and sign them out of their sessions, then set the alert's status to Closed. Name someone who receives the alerts by e-mail.",
      },
      consolePath: { ja: "管理コンソール > セキュリティ > アラート センター", en: "Admin console > Security > Alert Center" },
      url: "https://support.google.com/a/answer/9105393",
    },
  },
  needs: ["alerts"],
  run({ alerts }, ctx) {
    const since = ctx.now.getTime() - ALERT_WINDOW_DAYS * 86_400_000;
    const byType = new Map<string, WorkspaceAlert[]>();
    for (const a of alerts.filter((x) => Date.parse(x.createTime) >= since)) byType.set(a.type, [...(byType.get(a.type) ?? []), a]);
    const types = [...byType.entries()].sort(([a], [b]) => a.localeCompare(b));
    return eachResource(types, ([type]) => alertTypeResource(type), ([type, list]) => {
      const open = list.filter(isOpen);
      const evidence = {
        alerts: list.length,
        open: open.length,
        openBySeverity: Object.fromEntries(SEVERITY_ORDER.map((s) => [s, open.filter((a) => a.severity === s).length])),
        openByStatus: Object.fromEntries([...new Set(open.map((a) => a.status))].map((s) => [s, open.filter((a) => a.status === s).length])),
        source: list[0]!.source,
      };
      const name = typeName(type);
      if (open.length === 0) {
        return {
          status: "pass", evidence,
          message: { ja: `${name.ja}の警告 ${list.length} 件は、すべて対応済みです。`, en: `All ${list.length} ${name.en} alert(s) are closed.` },
        };
      }
      const severities = bySeverity(open);
      return {
        status: "fail", evidence,
        message: {
          ja: `${name.ja}の警告が ${open.length} 件、対応されないまま残っています（${severities.ja}）。`,
          en: `${open.length} ${name.en} alert(s) are still open (${severities.en}).`,
        },
      };
    });
  },
});
