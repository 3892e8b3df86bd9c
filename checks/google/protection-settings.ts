import type { GoogleFacts, OrgUnit, WorkspacePolicy } from "../../providers/google/facts.ts";
import { defineCheck, errorResult, type CheckResult, type ResourceRef } from "../framework.ts";
import type { Text } from "../text.ts";
import { policyResource } from "./resources.ts";

const GMAIL_SAFETY_URL = "https://admin.google.com/ac/apps/gmail/safety";

/** One setting the check judges: each on/off field with its safe value and its name for the owner. */
interface Setting {
  name: Text;
  consoleUrl: string;
  fields: Record<string, { safe: boolean; name: Text }>;
  /**
   * Where no policy sets it on the top-level unit: Google blocks less secure apps unless allowed
   * (`pass`); Gmail's safety defaults are not reported by the Policy API, so only the owner can
   * confirm them (`manual`).
   */
  unset: { status: "pass" | "manual"; message: Text };
}

const GMAIL_UNSET: Setting["unset"] = {
  status: "manual",
  message: {
    ja: "管理コンソールで変更されておらず、Google の初期設定のままです。初期設定の中身は API で読めないため、画面で各項目がオンか確かめてください。",
    en: "Not changed in the Admin console: Google's defaults apply, which the API does not show. Check in the console that each protection is on.",
  },
};

const SETTINGS: Record<string, Setting> = {
  "security.less_secure_apps": {
    name: { ja: "安全性の低いアプリへのアクセス", en: "Less secure apps" },
    consoleUrl: "https://admin.google.com/ac/security/lsa",
    fields: {
      allowLessSecureApps: {
        safe: false,
        name: { ja: "パスワードだけでログインするアプリ（安全性の低いアプリ）の許可", en: "allowing apps that sign in with the password alone (less secure apps)" },
      },
    },
    unset: {
      status: "pass",
      message: { ja: "設定の変更はなく、安全性の低いアプリからのログインは Google が止めています。", en: "Not changed: Google blocks sign-in from less secure apps." },
    },
  },
  "gmail.email_attachment_safety": {
    name: { ja: "Gmail の添付ファイルの保護", en: "Gmail attachment protection" },
    consoleUrl: GMAIL_SAFETY_URL,
    fields: {
      enableEncryptedAttachmentProtection: { safe: true, name: { ja: "信頼できない送信者からの暗号化された添付ファイルへの対策", en: "protection against encrypted attachments from untrusted senders" } },
      enableAttachmentWithScriptsProtection: { safe: true, name: { ja: "スクリプトを含む添付ファイルへの対策", en: "protection against attachments with scripts" } },
      enableAnomalousAttachmentProtection: { safe: true, name: { ja: "珍しい種類の添付ファイルへの対策", en: "protection against unusual attachment types" } },
    },
    unset: GMAIL_UNSET,
  },
  "gmail.links_and_external_images": {
    name: { ja: "Gmail のリンクと外部画像の保護", en: "Gmail link and external image protection" },
    consoleUrl: GMAIL_SAFETY_URL,
    fields: {
      enableShortenerScanning: { safe: true, name: { ja: "短縮 URL の本当の行き先の確認", en: "checking where shortened links lead" } },
      enableExternalImageScanning: { safe: true, name: { ja: "リンク付き画像の確認", en: "scanning linked images" } },
      enableAggressiveWarningsOnUntrustedLinks: { safe: true, name: { ja: "信頼できないリンクを開く前の警告", en: "warnings before opening untrusted links" } },
    },
    unset: GMAIL_UNSET,
  },
  "gmail.spoofing_and_authentication": {
    name: { ja: "Gmail のなりすまし対策", en: "Gmail spoofing protection" },
    consoleUrl: GMAIL_SAFETY_URL,
    fields: {
      detectDomainNameSpoofing: { safe: true, name: { ja: "よく似たドメイン名からのメールへの対策", en: "protection against look-alike domain names" } },
      detectEmployeeNameSpoofing: { safe: true, name: { ja: "社員の名前をかたるメールへの対策", en: "protection against spoofed employee names" } },
      detectDomainSpoofingFromUnauthenticatedSenders: { safe: true, name: { ja: "自社のドメインをかたる認証のないメールへの対策", en: "protection against unauthenticated mail using your own domain" } },
      detectUnauthenticatedEmails: { safe: true, name: { ja: "認証のないメールへの対策", en: "protection against unauthenticated mail" } },
      detectGroupsSpoofing: { safe: true, name: { ja: "グループ宛てのなりすましメールへの対策", en: "protection against spoofing of your groups" } },
    },
    unset: GMAIL_UNSET,
  },
};

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.security.protection_settings",
    provider: "google",
    service: "security",
    severity: "medium",
    ipaItems: [11],
    itemReasons: {
      11: {
        ja: "Gmail のフィッシング・なりすまし対策や、安全性の低いアプリの遮断は、Google Workspace に付いている守りの機能です。オフになっていないかを設定から確かめます。",
        en: "Gmail's phishing and spoofing protections and the block on less secure apps come with Google Workspace; the settings show whether they are switched off.",
      },
    },
    title: { ja: "Gmail の保護機能がオンで、安全性の低いアプリを許可していない", en: "Gmail's protections are on and less secure apps are not allowed" },
    detail: {
      ja: "Gmail には、危ない添付ファイル、だましのリンク、取引先や社員になりすましたメールを見分けて警告する機能があります。オフにすると、フィッシングやウイルス付きのメールがそのまま届きます。パスワードだけでメールを読む古いアプリ（安全性の低いアプリ）を許すと、2 段階認証プロセスを素通りされます。",
      en: "Gmail can spot dangerous attachments, deceptive links and mail pretending to come from partners or colleagues, and warn about them. Switched off, phishing and infected mail arrive as they are. Allowing old apps that read mail with the password alone (less secure apps) bypasses 2-Step Verification.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「アプリ > Google Workspace > Gmail > 安全性」で、添付ファイル、リンクと外部画像、なりすましと認証の各項目をオンにし、「今後の推奨設定を自動的に適用する」もオンにします。「セキュリティ > アクセスとデータ管理 > 安全性の低いアプリ」では、アクセスを無効にします。組織部門ごとに設定を変えている場合は、その部門でも確かめます。",
        en: "In the Admin console, Apps > Google Workspace > Gmail > Safety, turn on every protection under Attachments, Links and external images, and Spoofing and authentication, and turn on applying future recommended settings automatically. Under Security > Access and data control > Less secure apps, disable access. Where an organizational unit has settings of its own, check them there too.",
      },
      consolePath: { ja: "管理コンソール > アプリ > Google Workspace > Gmail > 安全性", en: "Admin console > Apps > Google Workspace > Gmail > Safety" },
      url: "https://support.google.com/a/answer/9157861",
    },
  },
  needs: ["policies"],
  uses: ["orgUnits"],
  run({ policies, orgUnits }, ctx) {
    const results: CheckResult[] = [];
    const units = orgUnits.ok ? orgUnits.value : undefined;
    for (const [type, setting] of Object.entries(SETTINGS)) {
      const set = policies.filter((p) => p.setting === type);
      for (const p of set) results.push(judge(p, setting, units));
      const topLevel: ResourceRef = {
        ...ctx.tenantResource, uid: `google:policy/${type}/top-level`, name: `${setting.name.en} (top-level organizational unit)`, consoleUrl: setting.consoleUrl,
      };
      const onUnits = set.filter((p) => p.orgUnit);
      if (onUnits.length > 0 && !orgUnits.ok) {
        // Which of these policies is the top-level one cannot be told without the units.
        results.push(errorResult(topLevel, orgUnits.error));
        continue;
      }
      const root = units?.find((u) => u.path === "/")?.id;
      if (!onUnits.some((p) => p.orgUnit === root)) {
        results.push({ status: setting.unset.status, resource: topLevel, evidence: { setting: type, policy: "none" }, message: setting.unset.message });
      }
    }
    return results;
  },
});

/** One policy on its own: a protection it switches off fails; fields it leaves out follow the unit above. */
function judge(p: WorkspacePolicy, setting: Setting, units: readonly OrgUnit[] | undefined): CheckResult {
  const resource = policyResource(p, setting.consoleUrl);
  if (!p.switches) return errorResult(resource, { operation: "policies.list", code: "NotCollected", message: `${p.setting} was not read` });
  if (!p.switches.ok) return errorResult(resource, p.switches.error);
  const switches = p.switches.value;
  const path = units?.find((u) => u.id === p.orgUnit)?.path;
  const where: Text = path === "/"
    ? { ja: "最上位の組織部門", en: "the top-level organizational unit" }
    : p.orgUnit
      ? { ja: `組織部門 ${path ?? p.orgUnit}`, en: `organizational unit ${path ?? p.orgUnit}` }
      : { ja: `グループ ${p.group ?? ""}`, en: `group ${p.group ?? ""}` };
  const evidence = { setting: p.setting, appliesTo: path ?? p.orgUnit ?? p.group, ...switches };
  const judged = Object.keys(setting.fields).filter((f) => switches[f] !== undefined);
  const unsafe = judged.filter((f) => switches[f] !== setting.fields[f]!.safe);
  if (unsafe.length > 0) {
    const names = unsafe.map((f) => setting.fields[f]!.name);
    const off = setting.fields[unsafe[0]!]!.safe;
    return {
      status: "fail", resource, evidence,
      message: {
        ja: `${where.ja}の${setting.name.ja}: ${names.map((n) => n.ja).join("、")}が${off ? "オフ" : "オン"}です。`,
        en: `${setting.name.en} for ${where.en}: ${names.map((n) => n.en).join(", ")} ${off ? "switched off" : "switched on"}.`,
      },
    };
  }
  if (judged.length === 0) {
    return {
      status: "manual", resource, evidence,
      message: { ja: `${where.ja}の設定は、判定する項目を含みません。上位の設定に従います。`, en: `The setting for ${where.en} sets none of the protections judged here; it follows the unit above.` },
    };
  }
  return { status: "pass", resource, evidence, message: { ja: `${where.ja}の${setting.name.ja}は安全な設定です。`, en: `${setting.name.en} for ${where.en} is set safely.` } };
}
