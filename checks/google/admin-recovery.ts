import { isActive, type GoogleFacts } from "../../providers/google/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { userResource } from "./resources.ts";

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.directory.admin_recovery",
    provider: "google",
    service: "directory",
    severity: "medium",
    ipaItems: [7],
    itemReasons: {
      7: {
        ja: "管理者を決めても、その人がログインできなくなれば管理できません。特権管理者に復旧用の連絡先があるかで、管理を続けられるかが分かります。",
        en: "A named administrator who is locked out cannot administer; recovery details on each super administrator keep the administration reachable.",
      },
    },
    title: { ja: "特権管理者にアカウント復旧用の連絡先が登録されている", en: "Super administrators have account recovery details" },
    detail: {
      ja: "特権管理者がパスワードを忘れたり 2 段階認証の端末をなくしたりすると、ほかに特権管理者がいない限り、会社の設定を誰も変えられなくなります。復旧用のメールアドレス（会社以外のもの）か電話番号を登録しておけば、本人が自分で復旧できます。",
      en: "A super administrator who forgets the password or loses the 2-Step Verification device locks the company out of its own settings unless another super administrator steps in. A recovery e-mail address (outside the company) or phone number lets them recover the account themselves.",
    },
    remediation: {
      steps: {
        ja: "対象の特権管理者に、Google アカウントの「個人情報」または「セキュリティ」で、再設定用の電話番号とメールアドレス（会社のドメイン以外）を登録してもらいます。管理コンソールの「セキュリティ > 認証 > アカウントの復元」で、特権管理者のアカウント復元を許可しておきます。",
        en: "Have the super administrator add a recovery phone and a recovery e-mail address (not on the company's domain) in their Google Account under Personal info or Security. In the Admin console, Security > Authentication > Account recovery, allow super administrators to recover their account.",
      },
      consolePath: { ja: "管理コンソール > ディレクトリ > ユーザー > (管理者) > セキュリティ > 再設定用の情報", en: "Admin console > Directory > Users > (administrator) > Security > Recovery information" },
      url: "https://support.google.com/a/answer/9436964",
    },
  },
  needs: ["users"],
  run({ users }) {
    const superAdmins = users.filter((u) => isActive(u) && u.isAdmin);
    const recoverable = superAdmins.filter((u) => u.hasRecoveryEmail || u.hasRecoveryPhone).length;
    const count = { superAdminsWithRecovery: recoverable, superAdmins: superAdmins.length };
    return eachResource(superAdmins, userResource, (u) => {
      const evidence = { recoveryEmail: u.hasRecoveryEmail, recoveryPhone: u.hasRecoveryPhone, ...count };
      if (u.hasRecoveryEmail || u.hasRecoveryPhone) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: {
          ja: `特権管理者 ${u.primaryEmail} には、復旧用のメールアドレスも電話番号も登録されていません（登録済みの特権管理者は ${superAdmins.length} 人中 ${recoverable} 人）。`,
          en: `Super administrator ${u.primaryEmail} has neither a recovery e-mail nor a recovery phone (${recoverable} of ${superAdmins.length} super administrators have one).`,
        },
      };
    });
  },
});
