import type { IpaItemNumber } from "./catalogue.ts";
import type { Text } from "./text.ts";

/**
 * IPA's 25-question self-check「5分でできる！情報セキュリティ自社診断」. The three parts and
 * the scoring are IPA's; every question below is our own paraphrase of its topic: IPA holds the
 * copyright of the sheet, so the page links to IPA for the original.
 */

export const SELF_CHECK_SOURCE_URL = "https://www.ipa.go.jp/security/guide/sme/about.html";
export const SECURITY_ACTION_URL = "https://www.ipa.go.jp/security/security-action/";

export type SelfCheckPart = "basics" | "staff" | "company";

export const SELF_CHECK_PARTS: Record<SelfCheckPart, Text> = {
  basics: { ja: "その 1 基本的対策", en: "Part 1 The basics" },
  staff: { ja: "その 2 従業員としての対策", en: "Part 2 What every employee does" },
  company: { ja: "その 3 組織としての対策", en: "Part 3 What the company decides" },
};

export interface SelfCheckQuestion {
  number: number;
  part: SelfCheckPart;
  question: Text;
  /**
   * The 15 items whose scan results speak to this question. Their grid status becomes a
   * suggested answer beside it; the owner still decides.
   */
  evidenceItems?: readonly IpaItemNumber[];
}

const q = (number: number, part: SelfCheckPart, ja: string, en: string, evidenceItems?: IpaItemNumber[]): SelfCheckQuestion =>
  ({ number, part, question: { ja, en }, ...(evidenceItems ? { evidenceItems } : {}) });

export const SELF_CHECK_QUESTIONS: readonly SelfCheckQuestion[] = [
  q(1, "basics", "パソコンやスマホの OS・ソフトウェアに、更新が出たらすぐ適用していますか。",
    "Do you apply operating system and software updates on computers and phones as soon as they come out?"),
  q(2, "basics", "業務で使う機器にウイルス対策ソフトを入れ、定義ファイルが自動で更新されるようにしていますか。",
    "Do work devices run antivirus software whose definitions update by themselves?"),
  q(3, "basics", "パスワードは長く推測されにくいものにし、使い回していませんか。",
    "Are passwords long, hard to guess and never reused?", [9]),
  q(4, "basics", "大切な情報には、必要な人だけが触れられるように制限していますか。",
    "Can only the people who need it reach important information?", [8]),
  q(5, "basics", "新しい脅威や攻撃の手口を調べ、社内で共有する仕組みがありますか。",
    "Do you keep up with new threats and attack methods and share them in the company?"),
  q(6, "staff", "メールの添付ファイルや本文中のリンクからウイルスに感染しないよう気をつけていますか。",
    "Are people careful with email attachments and links that could carry malware?"),
  q(7, "staff", "メールや FAX を誤った相手に送らないための工夫をしていますか。",
    "Do you take steps so that email and fax do not reach the wrong recipient?"),
  q(8, "staff", "重要な情報をメールで送るときは本文に書かず、保護したファイルにして送っていますか。",
    "When important information goes by email, is it in a protected file rather than in the message itself?"),
  q(9, "staff", "無線 LAN は安全な暗号化方式を設定するなどして、安全に使っていますか。",
    "Is your Wi-Fi set up securely, for example with strong encryption?"),
  q(10, "staff", "インターネット経由のウイルス感染や、SNS への書き込みによるトラブルに備えていますか。",
    "Are you prepared for malware from the web and for trouble caused by posts on social media?"),
  q(11, "staff", "故障・誤操作・ウイルスに備えて、重要な情報のバックアップを取っていますか。",
    "Do you back up important information against breakdowns, mistakes and malware?", [10]),
  q(12, "staff", "重要な書類や記録媒体を机の上に置いたままにせず、鍵のかかる場所にしまっていますか。",
    "Are important papers and storage media locked away rather than left on desks?"),
  q(13, "staff", "重要な書類や記録媒体を社外に持ち出すとき、紛失や盗難への対策をしていますか。",
    "When important papers or media leave the office, are they protected against loss and theft?"),
  q(14, "staff", "席を離れるとき、画面をのぞかれたり勝手に操作されたりしないようにしていますか。",
    "When people step away, is the screen locked so nobody else can read or use it?"),
  q(15, "staff", "関係者以外が事務所に入れないようにしていますか。",
    "Is entry to the office limited to people who belong there?"),
  q(16, "staff", "帰るときにノートパソコンなどを鍵のかかる場所にしまい、盗難を防いでいますか。",
    "Are laptops and similar equipment locked away at the end of the day?"),
  q(17, "staff", "事務所が無人になるとき、鍵をかけ忘れない工夫をしていますか。",
    "Is there a routine that makes sure the office is locked when nobody is there?"),
  q(18, "staff", "重要な書類や記録媒体を捨てるとき、元に戻せない方法で処分していますか。",
    "Are important papers and media disposed of so that they cannot be recovered?"),
  q(19, "company", "従業員が守秘義務を理解し、仕事で知った情報を外に漏らさないルールを守っていますか。",
    "Do staff understand their duty of confidentiality and keep what they learn at work to themselves?"),
  q(20, "company", "従業員にセキュリティの教育や注意の呼びかけをしていますか。",
    "Do you train staff in security and remind them of it?"),
  q(21, "company", "私物のパソコンやスマホを業務に使う場合の対策を決めていますか。",
    "Have you decided what protects work done on personal computers and phones?"),
  q(22, "company", "重要な情報をやり取りする取引先との契約に、秘密を守る条項を入れていますか。",
    "Do contracts with partners who exchange important information include confidentiality clauses?"),
  q(23, "company", "クラウドなど外部のサービスは、安全性と信頼性を確かめてから選んでいますか（15 の項目を参照）。",
    "Do you choose cloud and other outside services after checking their safety and reliability (see the 15 items)?",
    [5, 6, 14]),
  q(24, "company", "セキュリティ事故に備えて、誰が何をするか、緊急時の手順を決めていますか。",
    "Are you ready for a security incident, with who does what decided in advance?"),
  q(25, "company", "ここまでの対策をルールとして文書にし、従業員に示していますか。",
    "Are the measures above written down as rules and made known to everyone?"),
];

export type SelfCheckBand = "full" | "most" | "gaps" | "urgent";

/** IPA's four bands of the total, in our words. */
export const SELF_CHECK_BANDS: readonly { band: SelfCheckBand; range: Text; meaning: Text }[] = [
  {
    band: "full",
    range: { ja: "100 点", en: "100 points" },
    meaning: {
      ja: "基本の対策はそろっています。IPA のガイドラインを参考に、次の段階の対策に進みましょう。",
      en: "The basics are in place. Use IPA's guideline to move on to the next level.",
    },
  },
  {
    band: "most",
    range: { ja: "70〜99 点", en: "70–99 points" },
    meaning: {
      ja: "おおむねできていますが、足りないところがあります。点の低い問題から見直しましょう。",
      en: "Mostly done, with some gaps. Review the questions that scored lowest first.",
    },
  },
  {
    band: "gaps",
    range: { ja: "50〜69 点", en: "50–69 points" },
    meaning: {
      ja: "手が回っていないところが目立ちます。なぜ必要かを確かめて、実施していない問題に取り組みましょう。",
      en: "Clear gaps remain. Find out why each measure matters and start on the ones not done.",
    },
  },
  {
    band: "urgent",
    range: { ja: "49 点以下", en: "49 points or less" },
    meaning: {
      ja: "事故につながる穴が多く残っています。まず「その 1 基本的対策」の 5 問から、すぐに取りかかりましょう。",
      en: "Many gaps could lead to an incident. Start now, with the five questions of Part 1.",
    },
  },
];
