import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import type { Text } from "../text.ts";
import { defineCheck, type CheckResult } from "../framework.ts";
import { ADMIN_CENTER } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.sharepoint.tenant_sharing",
    provider: "microsoft",
    service: "sharepoint",
    severity: "high",
    ipaItems: [8, 4],
    itemReasons: {
      8: { ja: "SharePoint と OneDrive で、社外とどこまで共有できるかの設定を見ます。", en: "Reads how far SharePoint and OneDrive let people share outside the company." },
      4: { ja: "テナントの共有設定が、「誰でも開けるリンク」について会社が決めたルールに合っているかを見ます。", en: "Holds the tenant's sharing setting to the company's rule on links that work for anyone." },
    },
    ownerRule: "anyoneLinks",
    title: { ja: "SharePoint と OneDrive の共有設定が会社の方針に合っている", en: "SharePoint and OneDrive sharing settings match the company's policy" },
    detail: {
      ja: "「すべてのユーザー」リンクは、URL を知っていれば誰でもサインインなしで開けます。メールの転送や誤送信で、意図しない人にファイルが渡ります。会社として使わないと決めたなら、テナント全体でオフにします。ゲストがさらに共有できる設定や、招待した相手と別のアカウントで受け入れられる設定も、共有の範囲を広げます。",
      en: "An \"Anyone\" link opens the file for whoever has the URL, without signing in: a forwarded or misdirected mail hands the file to strangers. If the company does not use them, turn them off for the whole tenant. Letting guests share on, or accept an invitation with another account, also widens who can get in.",
    },
    remediation: {
      steps: {
        ja: "SharePoint 管理センターの「ポリシー > 共有」で、外部共有を「新規および既存のゲスト」以下にします（「すべてのユーザー」にしない）。「その他の外部共有の設定」で「ゲストは所有していないアイテムを共有できる」をオフ、「ゲストは共有の招待を受信したのと同じアカウントを使ってアクセスする必要がある」をオンにします。",
        en: "In the SharePoint admin center under Policies > Sharing, set external sharing to \"New and existing guests\" or lower (not \"Anyone\"). Under More external sharing settings, turn off \"Allow guests to share items they don't own\" and turn on \"Guests must sign in using the same account to which sharing invitations are sent\".",
      },
      consolePath: { ja: "SharePoint 管理センター > ポリシー > 共有", en: "SharePoint admin center > Policies > Sharing" },
      url: "https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off",
    },
  },
  needs: ["sharePoint", "ownerPolicy"],
  run({ sharePoint, ownerPolicy }) {
    const resourceOf = (key: string, name: Text) =>
      ({ uid: `sharepoint:settings/${key}`, name: name.en, type: "Microsoft.SharePoint/TenantSetting", consoleUrl: ADMIN_CENTER.sharing });
    const setting = (key: string, name: Text, ok: boolean, evidence: Record<string, unknown>, failing: Text): CheckResult => ({
      status: ok ? "pass" : "fail",
      resource: resourceOf(key, name),
      evidence,
      ...(ok ? {} : { message: failing }),
    });
    // A setting Graph left out (or a level added after this code) is not known to be safe.
    const unknown = (key: string, name: Text, field: string): CheckResult => ({
      status: "error",
      resource: resourceOf(key, name),
      evidence: { [field]: "absent or not recognised" },
      reason: {
        ja: `SharePoint の設定「${name.ja}」を Graph が返さなかったか、cloud15 の知らない値でした。確認できなかったため「合格」にはしていません。`,
        en: `Graph did not return the SharePoint setting "${name.en}", or sent a value cloud15 does not know; not reported as passed because it could not be checked.`,
      },
      cause: { operation: "GetSharePointSettings", permission: "SharePointTenantSettings.Read.All", code: "UnknownValue", message: `${field} absent or not recognised` },
    });
    const anyoneName = { ja: "「すべてのユーザー」リンク", en: "\"Anyone\" links" };
    const resharingName = { ja: "ゲストによる再共有", en: "Guests sharing items they don't own" };
    const invitationName = { ja: "招待と同じアカウントでの受け入れ", en: "Invitations accepted by the invited account only" };
    const capability = sharePoint.sharingCapability;
    // Unknown counts as external sharing on: the guest settings below matter then.
    const external = capability !== "disabled";
    const results = [capability === "unknown" && ownerPolicy.anyoneLinks === "not_allowed"
      ? unknown("anyone-links", anyoneName, "sharingCapability")
      : setting("anyone-links", anyoneName,
        capability !== "externalUserAndGuestSharing" || ownerPolicy.anyoneLinks === "allowed",
        { sharingCapability: capability, companyPolicy: ownerPolicy.anyoneLinks },
        { ja: "テナントで「すべてのユーザー」リンクが使えますが、会社の方針では使いません。", en: "The tenant allows \"Anyone\" links; the company's policy does not." })];
    // Beside external sharing that is off, a guest setting Graph left out does not matter.
    const guestSetting = (key: string, name: Text, field: string, v: boolean | null, good: boolean, failing: Text) => {
      if (v === null) return external ? [unknown(key, name, field)] : [];
      return [setting(key, name, !external || v === good, { [field]: v }, failing)];
    };
    results.push(...guestSetting("guest-resharing", resharingName, "isResharingByExternalUsersEnabled", sharePoint.isResharingByExternalUsersEnabled, false,
      { ja: "ゲストが、自分のものではないファイルをさらに共有できます。", en: "Guests can share on files that are not theirs." }));
    results.push(...guestSetting("invitation-account", invitationName, "isRequireAcceptingUserToMatchInvitedUserEnabled", sharePoint.isRequireAcceptingUserToMatchInvitedUserEnabled, true,
      { ja: "共有の招待を、招待した相手以外のアカウントでも受け入れられます。", en: "A sharing invitation can be accepted with an account other than the one invited." }));
    return results;
  },
});
