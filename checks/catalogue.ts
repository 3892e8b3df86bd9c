import type { Text } from "./text.ts";

/**
 * IPA's 15 items for safe cloud use (中小企業の情報セキュリティ対策ガイドライン 第3.1版,
 * 付録「中小企業のためのクラウドサービス安全利用の手引き」). Titles are IPA's; the
 * questions are our paraphrase: IPA holds the copyright of its sheets.
 */
export type IpaItemNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;

export type IpaGroup = "choose" | "operate" | "manage";

/**
 * A: checkable through the tenant's APIs; P: partly (evidence, the owner confirms intent);
 * S: a fact about the provider the owner confirms; Q: only the owner can answer.
 */
export type IpaKind = "A" | "P" | "S" | "Q";

export interface IpaItem {
  number: IpaItemNumber;
  group: IpaGroup;
  kinds: IpaKind[];
  title: Text;
  question: Text;
}

export const IPA_SOURCE_URL = "https://www.ipa.go.jp/security/guide/sme/about.html";

export const IPA_GROUPS: Record<IpaGroup, Text> = {
  choose: { ja: "クラウドサービスの選択", en: "Choosing a service" },
  operate: { ja: "クラウドサービスの運用", en: "Operating it" },
  manage: { ja: "セキュリティ管理", en: "Security management" },
};

export const IPA_ITEMS: readonly IpaItem[] = [
  {
    number: 1, group: "choose", kinds: ["Q", "P"],
    title: { ja: "どの業務で利用するか明確にする", en: "Decide what work it is used for" },
    question: {
      ja: "どの業務とどの情報をこのサービスで扱い、そのルールは決まっていますか。",
      en: "Which work and which information go to this service, and what are the rules for it?",
    },
  },
  {
    number: 2, group: "choose", kinds: ["Q", "S"],
    title: { ja: "クラウドサービスの種類を選ぶ", en: "Choose the kind of service" },
    question: {
      ja: "サービス（とエディション）は業務に合っていて、費用に見合う効果がありますか。",
      en: "Does the service (and edition) fit the work, and is its benefit worth its cost?",
    },
  },
  {
    number: 3, group: "choose", kinds: ["Q", "P"],
    title: { ja: "取り扱う情報の重要度を確認する", en: "Know how important the information is" },
    question: {
      ja: "データが漏れる・改ざんされる・失われる、またはサービスが止まると何が起きますか。",
      en: "What happens if the data leaks, is altered or lost, or the service stops?",
    },
  },
  {
    number: 4, group: "choose", kinds: ["Q", "A"],
    title: { ja: "セキュリティのルールと矛盾しないようにする", en: "Stay consistent with your security rules" },
    question: {
      ja: "このサービスの使い方は、自社のセキュリティのルールと矛盾していませんか。",
      en: "Does using the service contradict your own security rules?",
    },
  },
  {
    number: 5, group: "choose", kinds: ["S", "Q"],
    title: { ja: "クラウド事業者の信頼性を確認する", en: "Check the provider is trustworthy" },
    question: {
      ja: "事業者は信頼できますか（ISMAP 登録、ISO/IEC 27001・27017・27018、SOC 2 など）。",
      en: "Is the provider trustworthy (ISMAP registration, ISO/IEC 27001/27017/27018, SOC 2)?",
    },
  },
  {
    number: 6, group: "choose", kinds: ["S", "P"],
    title: { ja: "クラウドサービスの安全・信頼性を確認する", en: "Check the service is safe and reliable" },
    question: {
      ja: "稼働率や復旧時間などのサービスレベルが示され、自社の必要を満たしていますか。",
      en: "Is a service level (availability, recovery time) stated, and does it meet your needs?",
    },
  },
  {
    number: 7, group: "operate", kinds: ["P"],
    title: { ja: "管理担当者を決める", en: "Name an administrator" },
    question: {
      ja: "社内にサービスを管理し、理解している担当者がいますか。",
      en: "Is there someone in the company who administers the service and understands it?",
    },
  },
  {
    number: 8, group: "operate", kinds: ["A"],
    title: { ja: "利用者の範囲を決める", en: "Decide who may use it" },
    question: {
      ja: "必要な人だけが使え、必要なものだけが共有されていますか。",
      en: "Can only the right people use it, and are only the right things shared?",
    },
  },
  {
    number: 9, group: "operate", kinds: ["A"],
    title: { ja: "利用者の認証を厳格に行う", en: "Authenticate users strictly" },
    question: {
      ja: "多要素認証や強いパスワードでサインインが守られ、共用アカウントはありませんか。",
      en: "Are sign-ins protected by MFA and strong passwords, with no shared accounts?",
    },
  },
  {
    number: 10, group: "operate", kinds: ["P", "Q"],
    title: { ja: "バックアップに責任を持つ", en: "Own your backup" },
    question: {
      ja: "障害・消失・改ざんに備えて、重要なデータの使えるコピーを持っていますか。",
      en: "Do you keep a usable copy of important data against outage, loss or tampering?",
    },
  },
  {
    number: 11, group: "manage", kinds: ["S", "A"],
    title: { ja: "付帯するセキュリティ対策を確認する", en: "Know the built-in security features" },
    question: {
      ja: "サービスに付いているセキュリティ機能を把握し、有効にしていますか。",
      en: "Which security features come with the service, and are they switched on?",
    },
  },
  {
    number: 12, group: "manage", kinds: ["S", "Q"],
    title: { ja: "利用者サポートの体制を確認する", en: "Know where to get support" },
    question: {
      ja: "困ったときに誰が助けてくれますか（事業者、販売店、地元の IT 事業者）。",
      en: "Who helps when you are stuck: the provider, a reseller, a local IT vendor?",
    },
  },
  {
    number: 13, group: "manage", kinds: ["S", "Q"],
    title: { ja: "利用終了時のデータを確保する", en: "Secure your data when you stop using it" },
    question: {
      ja: "利用をやめるとき、データをどう取り戻し、どう消去してもらいますか。",
      en: "How do you get your data back, and how is it deleted, when you stop using the service?",
    },
  },
  {
    number: 14, group: "manage", kinds: ["S", "Q"],
    title: { ja: "適用法令や契約条件を確認する", en: "Check the law and contract terms" },
    question: {
      ja: "個人情報の扱いや準拠法を含め、利用規約・契約条件を確認しましたか。",
      en: "Have you read the terms, including personal-data handling and governing law?",
    },
  },
  {
    number: 15, group: "manage", kinds: ["A", "P", "S", "Q"],
    title: { ja: "データ保存先の地理的所在地を確認する", en: "Know where the data is stored" },
    question: {
      ja: "データはどの国・地域に保存されていますか。",
      en: "In which country or region is the data stored?",
    },
  },
];
