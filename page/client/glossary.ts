import type { Language, Text } from "../../checks/text.ts";
import { h } from "./dom.ts";

/**
 * Technical terms the owner meets on the page, each explained once: in a parenthesis where it
 * first appears, and all together in the glossary at the end.
 */
interface Term { term: Text; meaning: Text }

export const TERMS: readonly Term[] = [
  { term: { ja: "ルートユーザー", en: "root user" },
    meaning: { ja: "AWS アカウントを作ったときの、何でもできる最上位の利用者", en: "the all-powerful user an AWS account is created with" } },
  { term: { ja: "アクセスキー", en: "access key" },
    meaning: { ja: "プログラムから AWS を操作するための合い鍵", en: "a key that lets programs act in AWS" } },
  { term: { ja: "バケットポリシー", en: "bucket policy" },
    meaning: { ja: "バケットに付ける「誰に何を許すか」の決まり", en: "the rules on a bucket saying who may do what" } },
  { term: { ja: "バケット", en: "bucket" },
    meaning: { ja: "AWS の S3 でファイルを入れておく置き場", en: "a storage place for files in AWS S3" } },
  { term: { ja: "ACL", en: "ACL" },
    meaning: { ja: "バケットやファイルごとの、読み書きを許す相手の一覧", en: "the list of who may read or write a bucket or file" } },
  { term: { ja: "バージョニング", en: "versioning" },
    meaning: { ja: "上書きや削除の前の版を残しておき、元に戻せるようにする機能", en: "keeping earlier versions of files so they can be restored" } },
  { term: { ja: "多要素認証", en: "multi-factor authentication" },
    meaning: { ja: "パスワードに加えてスマートフォンの確認などでも本人を確かめる方法", en: "checking who signs in by a phone prompt or code as well as the password" } },
  { term: { ja: "MFA", en: "MFA" },
    meaning: { ja: "多要素認証。パスワードに加えてスマートフォンの確認などでも本人を確かめる方法", en: "multi-factor authentication: a phone prompt or code as well as the password" } },
  { term: { ja: "2 段階認証", en: "2-Step Verification" },
    meaning: { ja: "Google での呼び方。パスワードに加えてスマートフォンなどで本人を確かめる方法", en: "Google's name for checking a phone or key as well as the password" } },
  { term: { ja: "特権管理者", en: "super administrator" },
    meaning: { ja: "Google Workspace のすべての設定を変えられる管理者", en: "an administrator who can change every Google Workspace setting" } },
  { term: { ja: "グローバル管理者", en: "Global Administrator" },
    meaning: { ja: "Microsoft 365 のすべての設定を変えられる管理者", en: "an administrator who can change every Microsoft 365 setting" } },
  { term: { ja: "ゲスト", en: "guest" },
    meaning: { ja: "社外の人を招いて使えるようにしたアカウント", en: "an account for someone from outside the company" } },
  { term: { ja: "リージョン", en: "region" },
    meaning: { ja: "データを保存する地域（国や都市）", en: "where in the world data is stored" } },
  { term: { ja: "組織部門", en: "organisational unit" },
    meaning: { ja: "Google Workspace で社員を部署などに分けたまとまり", en: "a group of staff (such as a department) in Google Workspace" } },
  { term: { ja: "条件付きアクセス", en: "Conditional Access" },
    meaning: { ja: "Microsoft 365 で「どんなときに追加の確認を求めるか」を決める設定", en: "Microsoft 365 rules on when to ask for more than a password" } },
];

/** Tracks which terms were already explained while one page is drawn. */
export class Glossary {
  private readonly explained = new Set<Term>();

  constructor(private readonly lang: Language) {}

  /**
   * The text with a short explanation after the first use of each term not explained yet.
   * Longer terms are tried first, so バケットポリシー is explained as itself, not as バケット.
   */
  explain(text: string): (string | HTMLElement)[] {
    const out: (string | HTMLElement)[] = [];
    let rest = text;
    for (;;) {
      let first: { term: Term; at: number } | undefined;
      for (const term of TERMS) {
        if (this.explained.has(term)) continue;
        const at = standalone(rest, term.term[this.lang], this.lang);
        if (at >= 0 && (!first || at < first.at || (at === first.at && term.term[this.lang].length > first.term.term[this.lang].length))) {
          first = { term, at };
        }
      }
      if (!first) break;
      const end = first.at + first.term.term[this.lang].length;
      this.explained.add(first.term);
      out.push(rest.slice(0, end), h("span", { class: "gloss" }, this.lang === "ja" ? `（${first.term.meaning.ja}）` : ` (${first.term.meaning.en})`));
      rest = rest.slice(end);
    }
    if (rest) out.push(rest);
    return out;
  }
}

/** Where `word` first occurs on its own, not as the start of a longer term (バケット in バケットポリシー). */
function standalone(text: string, word: string, lang: Language): number {
  const longer = TERMS.map((t) => t.term[lang]).filter((t) => t.length > word.length && t.startsWith(word));
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    // An English term is a whole word: "bucket" is not explained inside "buckets".
    const whole = lang === "ja" || (!/[A-Za-z]/.test(text[at - 1] ?? "") && !/[A-Za-z]/.test(text[at + word.length] ?? ""));
    if (whole && !longer.some((l) => text.startsWith(l, at))) return at;
  }
  return -1;
}

export function glossarySection(lang: Language, title: string): HTMLElement {
  return h("section", { class: "card glossary", id: "glossary", "aria-labelledby": "glossary-title" },
    h("h2", { id: "glossary-title" }, title),
    h("dl", null, TERMS.flatMap((t) => [h("dt", null, t.term[lang]), h("dd", null, t.meaning[lang])])));
}
