import type { IpaItemNumber } from "../catalogue.ts";
import type { MicrosoftFacts, SecureScoreControl } from "../../providers/microsoft/facts.ts";
import { defineCheck } from "../framework.ts";
import type { Text } from "../text.ts";
import { ADMIN_CENTER } from "./resources.ts";

/**
 * Half the points Microsoft counts: below it most of the protections Secure Score measures are
 * off. Not a Microsoft figure; a bar a small company can reach with the free settings.
 */
export const SECURE_SCORE_TARGET = 0.5;
/** How many of the controls worth most are named in the message. */
const TOP_CONTROLS = 5;

/** Secure Score controls cloud15 can name in the owner's words, with the IPA item each one serves. */
const CONTROLS: Record<string, { text: Text; item: IpaItemNumber }> = {
  AdminMFAV2: { text: { ja: "管理者全員に多要素認証 (MFA)", en: "MFA for every administrator" }, item: 7 },
  OneAdmin: { text: { ja: "グローバル管理者を 2 人以上", en: "more than one Global Administrator" }, item: 7 },
  aad_limited_administrative_roles: { text: { ja: "管理者の権限を必要な範囲だけに", en: "narrow admin roles instead of Global Administrator" }, item: 7 },
  IntegratedApps: { text: { ja: "社員が外部アプリに会社のデータを勝手に渡せないようにする", en: "employees cannot let outside apps into company data" }, item: 8 },
  MFARegistrationV2: { text: { ja: "全員が多要素認証 (MFA) を使えるようにする", en: "everyone can use MFA" }, item: 9 },
  BlockLegacyAuthentication: { text: { ja: "古い認証方式（レガシー認証）を止める", en: "block legacy authentication" }, item: 9 },
  SelfServicePasswordReset: { text: { ja: "パスワードを本人がリセットできるようにする", en: "self-service password reset" }, item: 9 },
  PWAgePolicyNew: { text: { ja: "パスワードの定期変更を求めない", en: "no forced periodic password changes" }, item: 9 },
  SigninRiskPolicy: { text: { ja: "危険なサインインで追加の確認を求める", en: "extra checks on risky sign-ins" }, item: 9 },
  UserRiskPolicy: { text: { ja: "乗っ取りの疑いがある人にパスワード変更を求める", en: "password change for users at risk" }, item: 9 },
  mdo_safeattachments: { text: { ja: "メールの添付ファイルを開く前に安全確認", en: "Safe Attachments for mail" }, item: 11 },
  mdo_safelinksforemail: { text: { ja: "メールのリンクを開く前に安全確認", en: "Safe Links for mail" }, item: 11 },
  AuditLogSearch: { text: { ja: "操作の記録（監査ログ）を残す", en: "keep the audit log" }, item: 11 },
  DLPEnabled: { text: { ja: "情報の持ち出しを防ぐルール（DLP）", en: "data loss prevention (DLP) policies" }, item: 3 },
};

interface Unmet {
  id: string;
  missing: number;
  item: IpaItemNumber | null;
  text: Text | null;
}

/** The controls not fully met, those worth most first; a control the score did not list counts as not met. */
export function unmetControls(controls: readonly SecureScoreControl[]): Unmet[] {
  return controls
    .map((c) => ({ id: c.id, missing: c.maxScore - (c.score ?? 0), item: CONTROLS[c.id]?.item ?? null, text: CONTROLS[c.id]?.text ?? null }))
    .filter((c) => c.missing > 0)
    .sort((a, b) => b.missing - a.missing || a.id.localeCompare(b.id));
}

function describe(unmet: Unmet[]): Text {
  const named = unmet.filter((c) => c.text !== null).slice(0, TOP_CONTROLS);
  const others = unmet.length - named.length;
  const list = (lang: keyof Text, item: (n: number) => string, sep: string) => named.map((c) => `${c.text![lang]}${item(c.item!)}`).join(sep);
  return {
    ja: named.length === 0 ? "" : `点数の大きい未対応の対策: ${list("ja", (n) => `（項目 ${n}）`, "、")}${others > 0 ? ` ほか ${others} 件` : ""}。`,
    en: named.length === 0 ? "" : ` Not done yet, worth most: ${list("en", (n) => ` (item ${n})`, "; ")}${others > 0 ? `; ${others} more` : ""}.`,
  };
}

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.security.secure_score",
    provider: "microsoft",
    service: "security",
    severity: "medium",
    ipaItems: [11],
    itemReasons: {
      11: {
        ja: "セキュアスコアは、付属のセキュリティ機能の使用度を Microsoft が点数にしたものです。",
        en: "Microsoft Secure Score is Microsoft's own measure of how much of Microsoft 365's built-in security is switched on.",
      },
    },
    title: { ja: "Microsoft セキュアスコアが半分以上", en: "Microsoft Secure Score is at least half of the maximum" },
    detail: {
      ja: "Microsoft 365 には多要素認証、古い認証方式の停止、メールの安全確認など、最初から使えるセキュリティ機能があります。セキュアスコアは、そのうちどれだけを使っているかを Microsoft が毎日点数にしたものです。半分に届かないなら、無料で使える守りの多くがオフのままです。点数の大きい対策から順に進めます。",
      en: "Microsoft 365 comes with security features such as MFA, blocking legacy sign-ins and checking mail attachments. Secure Score is Microsoft's daily measure of how many of them are in use. Below half, many of the protections you already pay for are off. Work through the actions worth most points first.",
    },
    remediation: {
      steps: {
        ja: "Microsoft Defender ポータルの「セキュアスコア > 推奨される操作」を開き、点数の大きいものから順に対応します。多くは設定を 1 つ変えるだけです。社員への影響が書かれているものは、先に社内に知らせてから進めます。",
        en: "Open Secure Score > Recommended actions in the Microsoft Defender portal and work from the actions worth most points down. Most are a single setting. Where an action says it affects users, tell the staff before you change it.",
      },
      consolePath: { ja: "Microsoft Defender ポータル > 露出管理 > セキュアスコア > 推奨される操作", en: "Microsoft Defender portal > Exposure management > Secure score > Recommended actions" },
      url: "https://learn.microsoft.com/defender-xdr/microsoft-secure-score",
    },
  },
  needs: ["secureScore"],
  run({ secureScore }, ctx) {
    const { currentScore, maxScore } = secureScore;
    const percent = Math.round((currentScore / maxScore) * 100);
    const unmet = unmetControls(secureScore.controls);
    const resource = { ...ctx.tenantResource, consoleUrl: ADMIN_CENTER.secureScore };
    const evidence = {
      currentScore, maxScore, percent, target: Math.round(SECURE_SCORE_TARGET * 100), scoredAt: secureScore.createdDateTime,
      unmetControls: unmet.slice(0, 10).map((c) => ({ control: c.id, pointsMissing: c.missing, ipaItem: c.item })),
    };
    const summary = describe(unmet);
    const score = { ja: `セキュアスコア ${currentScore} / ${maxScore} 点（${percent}%）。`, en: `Secure Score ${currentScore} of ${maxScore} (${percent}%).` };
    const message = { ja: `${score.ja}${summary.ja}`, en: `${score.en}${summary.en}` };
    if (currentScore / maxScore >= SECURE_SCORE_TARGET) return [{ status: "pass", resource, evidence, message }];
    return [{ status: "fail", resource, evidence, message }];
  },
});
