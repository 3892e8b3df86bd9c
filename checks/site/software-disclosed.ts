import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { value } from "../../providers/fact.ts";
import { fill } from "../text.ts";
import { IPA_EC_GUIDELINE_URL, pageResource } from "./resources.ts";

/** A version number: what lets an attacker look up the known holes of exactly this release. */
const VERSION = /\d+\.\d+/;

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.software.disclosed",
    provider: "site",
    service: "software",
    severity: "low",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "サイトが、使っているソフトウェアのバージョンを公開していない", en: "The site does not reveal its software versions" },
    detail: {
      ja: "バージョンが見えると、攻撃者はそのバージョンの既知の弱点をすぐに調べられます。隠すこと自体は対策ではないので、ソフトウェアを最新に保つことが第一です。",
      en: "A visible version lets attackers look up that release's known holes at once. Hiding it is no fix by itself: keeping the software up to date comes first.",
    },
    remediation: {
      steps: {
        ja: "1. 制作会社・保守会社に、ショップソフトと PHP などを最新版にしているか確認する\n2. 応答ヘッダー（Server、X-Powered-By）と generator タグからバージョンを消すよう依頼する",
        en: "1. Ask your web developer whether the shop software and PHP etc. are up to date\n2. Have the versions removed from the Server and X-Powered-By headers and the generator tag",
      },
      consolePath: { ja: "サーバーの設定 > 応答ヘッダー", en: "Server settings > response headers" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return eachResource(sites, pageResource, (site) => {
      const page = value(site.page);
      const shown = Object.entries({ Server: page.headers.server, "X-Powered-By": page.headers.poweredBy, generator: page.generator })
        .filter((entry): entry is [string, string] => entry[1] !== undefined && VERSION.test(entry[1]));
      if (shown.length === 0) return { status: "pass" };
      const list = shown.map(([where, what]) => `${where}: ${what}`).join(", ");
      return {
        status: "fail", evidence: Object.fromEntries(shown),
        message: fill({ ja: "バージョンが見えています（{list}）。", en: "Versions are visible ({list})." }, { list }),
      };
    });
  },
});
