import { isUnlicensed } from "../../providers/fact.ts";
import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck } from "../framework.ts";
import { ADMIN_CENTER } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.purview.sensitivity_labels",
    provider: "microsoft",
    service: "purview",
    // Absent labels are a finding for the owner to act on, not a hole an attacker walks through.
    severity: "low",
    ipaItems: [3],
    itemReasons: {
      3: {
        ja: "秘密度ラベル（「社外秘」などの区分）が用意されていれば、会社がデータの重要度を分けて扱う仕組みがあると分かります。",
        en: "Published sensitivity labels show the company has a way to mark how important its data is.",
      },
    },
    title: { ja: "データの重要度を示す秘密度ラベルが用意されている", en: "Sensitivity labels for how important data is are published" },
    detail: {
      ja: "秘密度ラベルは、ファイルやメールに「公開」「社内限定」「社外秘」などの区分を付ける Microsoft 365 の機能です。区分が見えると、社員が社外に送る前に気づけ、「社外秘」は社外で開けないようにもできます。まず 3 つ程度のラベルを作り、全員に公開します。",
      en: "Sensitivity labels are Microsoft 365's way to mark files and mail as Public, Internal or Confidential. With the mark visible, staff notice before sending something out, and Confidential files can be made unreadable outside the company. Start with about three labels, published to everyone.",
    },
    remediation: {
      steps: {
        ja: "Microsoft Purview ポータルの「情報保護 > 秘密度ラベル」で「公開」「社内限定」「社外秘」などのラベルを作り、「ラベルを公開する」で全員向けのラベルポリシーを作ります。社員には、どの情報をどの区分にするかを一枚の表にして配ります。",
        en: "In the Microsoft Purview portal under Information protection > Sensitivity labels, create labels such as Public, Internal and Confidential, then publish them to everyone with a label policy. Give staff a one-page table of which information gets which label.",
      },
      consolePath: { ja: "Microsoft Purview ポータル > 情報保護 > 秘密度ラベル", en: "Microsoft Purview portal > Information protection > Sensitivity labels" },
      url: "https://learn.microsoft.com/purview/get-started-with-sensitivity-labels",
    },
  },
  needs: ["sensitivityLabels"],
  run({ sensitivityLabels }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: ADMIN_CENTER.sensitivityLabels };
    if (isUnlicensed(sensitivityLabels)) return [{ status: "skipped", resource, reason: sensitivityLabels.unlicensed }];
    const active = sensitivityLabels.filter((l) => l.isActive);
    const evidence = { labels: sensitivityLabels.map((l) => ({ name: l.name, active: l.isActive })) };
    if (active.length > 0) {
      return [{ status: "pass", resource, evidence, message: { ja: `秘密度ラベル ${active.length} 個: ${active.map((l) => l.name).join("、")}`, en: `${active.length} sensitivity label(s): ${active.map((l) => l.name).join(", ")}` } }];
    }
    return [{
      status: "fail", resource, evidence,
      message: sensitivityLabels.length === 0
        ? { ja: "秘密度ラベルが 1 つもありません。", en: "No sensitivity label exists." }
        : { ja: `秘密度ラベルはありますが、使える（有効な）ものがありません（${sensitivityLabels.length} 個すべて無効）。`, en: `There are sensitivity labels, but none is active (all ${sensitivityLabels.length} inactive).` },
    }];
  },
});
