import type { GoogleFacts, LicenceAssignment } from "../../providers/google/facts.ts";
import { defineCheck, errorResult, type ResourceRef } from "../framework.ts";

/**
 * Editions with Drive labels (Google's "supported editions" for classification labels), by
 * License Manager SKU id. Business Starter has none; an edition in neither list is not guessed.
 */
const WITH_LABELS = new Set([
  "1010020028", "1010020025", "1010020026", "1010020020", // Business Standard, Business Plus, Enterprise Standard, Enterprise Plus
  "1010060001", "1010060003", "1010060005", // Essentials, Enterprise Essentials, Enterprise Essentials Plus
  "1010020030", "1010020031", // Frontline Starter, Frontline Standard
  "Google-Apps-Unlimited", // G Suite Business
]);
const WITHOUT_LABELS = new Set(["1010020027"]); // Business Starter

type Edition = { labels: "yes" | "no" | "unknown"; names: string[] };

/** Whether anyone in the company can use labels: one licence of an edition with them is enough. */
function editionOf(licences: readonly LicenceAssignment[]): Edition {
  const names = [...new Set(licences.map((l) => l.skuName))].sort();
  if (licences.some((l) => WITH_LABELS.has(l.skuId))) return { labels: "yes", names };
  if (licences.length > 0 && licences.every((l) => WITHOUT_LABELS.has(l.skuId))) return { labels: "no", names };
  return { labels: "unknown", names };
}

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.drive.classification",
    provider: "google",
    service: "drive",
    severity: "low",
    ipaItems: [3],
    itemReasons: {
      3: {
        ja: "情報の重要度を決めたら、ファイルに「社外秘」などのラベルを付けるか、持ち出しを止めるルール（データ損失防止ルール）で扱いを分けます。その仕組みがあるかを見ます。",
        en: "Important files carry labels such as \"Confidential\", or data loss prevention (DLP) rules treat them apart; this looks for either.",
      },
    },
    title: { ja: "ドライブのファイルを重要度で分類する仕組みがある", en: "Drive files can be classified by importance" },
    detail: {
      ja: "どのファイルが大事か決まっていないと、顧客名簿も会議のメモも同じように共有され、守り方を変えられません。Google Workspace では、ファイルに「社外秘」などのラベル（ドライブのラベル）を付けたり、マイナンバーなどを含むファイルの社外共有を止めるルール（データ損失防止ルール）を作れます。使えるかどうかはエディションによります。",
      en: "Without deciding which files matter, a customer list is shared like a meeting note and cannot be protected differently. Google Workspace lets you put labels such as \"Confidential\" on files (Drive labels) and make rules that stop files with, say, personal numbers from being shared outside (DLP: data loss prevention). Which of these you have depends on your edition.",
    },
    remediation: {
      steps: {
        ja: "まず社内で情報の重要度（例: 公開・社内・社外秘）を決めます。次に管理コンソールの「セキュリティ > アクセスとデータ管理 > ラベル マネージャー」でラベルを作って公開し、ドライブで使えるようにします。エディションにデータ損失防止の機能があれば、「データの保護」で社外秘のファイルを社外に共有できないルールを作ります。",
        en: "First decide the levels of importance (e.g. public, internal, confidential). Then create and publish labels in the Admin console, Security > Access and data control > Label manager, enabled for Drive. If your edition has DLP, add a Data protection rule that stops confidential files being shared outside.",
      },
      consolePath: { ja: "管理コンソール > セキュリティ > アクセスとデータ管理 > ラベル マネージャー", en: "Admin console > Security > Access and data control > Label manager" },
      url: "https://support.google.com/a/answer/9292382",
    },
  },
  needs: [],
  uses: ["driveLabels", "policies", "licences"],
  run({ driveLabels, policies, licences }, ctx) {
    const resource: ResourceRef = { ...ctx.tenantResource, consoleUrl: "https://admin.google.com/ac/dp/labels" };
    // Google's own labels (GOOGLE_APP) are not the company's classification.
    const labels = driveLabels.ok ? driveLabels.value.filter((l) => l.state === "PUBLISHED" && l.labelType !== "GOOGLE_APP").map((l) => l.title) : [];
    const rules = policies.ok ? policies.value.filter((p) => p.dlpRule?.state === "ACTIVE").map((p) => p.dlpRule!.displayName) : [];
    if (labels.length > 0 || rules.length > 0) {
      return [{
        status: "pass", resource, evidence: { publishedLabels: labels, activeDlpRules: rules },
        message: {
          ja: `公開中のラベル ${labels.length} 個、有効なデータ損失防止ルール ${rules.length} 個があります。`,
          en: `${labels.length} published label(s) and ${rules.length} active DLP rule(s).`,
        },
      }];
    }
    const edition = licences.ok ? editionOf(licences.value) : undefined;
    if (edition?.labels === "no") {
      return [{
        status: "skipped", resource, evidence: { editions: edition.names },
        reason: {
          ja: "ご利用のエディションには、ドライブのラベルもデータ損失防止ルールもありません。分類の仕組みが必要なら、上位のエディションを検討してください。",
          en: `Your edition (${edition.names.join(", ")}) has neither Drive labels nor DLP. Consider a higher edition if you need classification.`,
        },
      }];
    }
    // Nothing found, but one of the places could not be read, or the edition is unknown: not a finding yet.
    const failure = !driveLabels.ok ? driveLabels.error : !policies.ok ? policies.error : !licences.ok ? licences.error : undefined;
    if (failure) return [errorResult(resource, failure)];
    const drafts = driveLabels.ok ? driveLabels.value.filter((l) => l.state === "UNPUBLISHED_DRAFT").map((l) => l.title) : [];
    const evidence = { editions: edition!.names, publishedLabels: 0, activeDlpRules: 0, draftLabels: drafts };
    if (edition!.labels === "unknown") {
      return [{
        status: "manual", resource, evidence,
        message: {
          ja: "ラベルもデータ損失防止ルールもありません。ご利用のエディションで使えるかは cloud15 では判断できないため、確認してください。",
          en: `No labels and no DLP rules. cloud15 cannot tell whether your edition (${edition!.names.join(", ") || "unknown"}) has them: please check.`,
        },
      }];
    }
    return [{
      status: "fail", resource, evidence,
      message: {
        ja: `ファイルを分類する仕組みがありません（公開中のラベル 0 個、有効なデータ損失防止ルール 0 個${drafts.length > 0 ? `、未公開の下書き: ${drafts.join("、")}` : ""}）。`,
        en: `Nothing classifies files yet (no published label, no active DLP rule${drafts.length > 0 ? `; unpublished drafts: ${drafts.join(", ")}` : ""}).`,
      },
    }];
  },
});
