import { value } from "../../providers/fact.ts";
import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck, type CheckResult } from "../framework.ts";
import { ADMIN_CENTER } from "./resources.ts";

/**
 * The tenant policy names allowed places as AWS regions (default Tokyo and Osaka); these are
 * the Microsoft 365 geographies the same places fall in.
 */
const GEO_OF_REGION: [RegExp, string][] = [
  [/^ap-northeast-[13]$/, "JPN"], [/^ap-northeast-2$/, "KOR"], [/^ap-southeast-[24]$/, "AUS"], [/^ap-south-\d$/, "IND"],
  [/^ap-(southeast-1|east-1)$/, "APC"], [/^ca-/, "CAN"], [/^us-/, "NAM"], [/^eu-west-2$/, "GBR"], [/^eu-west-3$/, "FRA"],
  [/^eu-central-1$/, "DEU"], [/^eu-central-2$/, "CHE"], [/^eu-north-1$/, "SWE"], [/^eu-south-1$/, "ITA"], [/^eu-south-2$/, "ESP"],
  [/^eu-west-1$/, "EUR"], [/^me-central-1$/, "ARE"], [/^af-south-1$/, "ZAF"], [/^sa-east-1$/, "BRA"], [/^il-central-1$/, "ISR"],
];

/** Where Microsoft keeps a single-geo tenant's core data, by the country it was signed up in. */
const GEO_OF_COUNTRY: Record<string, string> = {
  JP: "JPN", US: "NAM", CA: "CAN", GB: "GBR", AU: "AUS", KR: "KOR", IN: "IND", FR: "FRA", DE: "DEU", CH: "CHE", NO: "NOR",
  ZA: "ZAF", AE: "ARE", BR: "BRA", SE: "SWE", IT: "ITA", ES: "ESP", PL: "POL", NZ: "NZL", IL: "ISR", QA: "QAT",
};

export function allowedGeos(allowedRegions: readonly string[]): Set<string> {
  return new Set(allowedRegions.flatMap((r) => GEO_OF_REGION.filter(([re]) => re.test(r)).map(([, geo]) => geo)));
}

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.tenant.data_location",
    provider: "microsoft",
    service: "tenant",
    severity: "medium",
    ipaItems: [15, 4],
    itemReasons: {
      15: { ja: "Microsoft 365 のデータがどの国・地域に保存されているかを見ます。", en: "Shows in which country or region Microsoft 365 keeps the data." },
      4: { ja: "Microsoft 365 のデータが、会社が決めた「データを置いてよい地域」にあるかを見ます。", en: "Holds Microsoft 365's data location to the regions the company allowed." },
    },
    ownerRule: "allowedRegions",
    title: { ja: "Microsoft 365 のデータが決めた国・地域に保存されている", en: "Microsoft 365 data is stored where the company decided" },
    detail: {
      ja: "データを保存する国によって、適用される法律や、捜査機関が開示を求められる範囲が変わります。Microsoft 365 は、テナントを作ったときの国の地域 (日本なら日本のデータセンター) にデータを置き、Multi-Geo を使うとユーザーやサイトごとに別の地域に置けます。Graph から分かるのは Multi-Geo の設定とサインアップの国までで、それ以外は管理センターで確認します。",
      en: "The country data is kept in decides which law applies and who can be made to hand it over. Microsoft 365 keeps a tenant's data in the geography of the country it was created in (Japan: Japanese datacentres); with Multi-Geo, users and sites can live in other geographies. Graph tells the Multi-Geo placement and the sign-up country; the rest is confirmed in the admin center.",
    },
    remediation: {
      steps: {
        ja: "Microsoft 365 管理センターの「設定 > 組織設定 > 組織のプロファイル > データの場所」で、各サービスのデータの場所を確認します。Multi-Geo で許可していない地域にあるユーザーやサイトは、優先データの場所 (PDL) を変更して移動します。",
        en: "Check each service's data location in the Microsoft 365 admin center under Settings > Org settings > Organization profile > Data location. Move users and sites that Multi-Geo keeps in a geography you do not allow by changing their preferred data location (PDL).",
      },
      consolePath: { ja: "Microsoft 365 管理センター > 設定 > 組織設定 > 組織のプロファイル > データの場所", en: "Microsoft 365 admin center > Settings > Org settings > Organization profile > Data location" },
      url: "https://learn.microsoft.com/microsoft-365/enterprise/o365-data-locations",
    },
  },
  // The sign-up country is read only for a tenant without Multi-Geo placements.
  needs: ["sites", "users"],
  uses: ["organization"],
  run({ organization, sites, users }, ctx) {
    const allowed = allowedGeos(ctx.policy.allowedRegions);
    const where = new Map<string, { sites: string[]; users: string[] }>();
    const at = (geo: string) => where.get(geo) ?? where.set(geo, { sites: [], users: [] }).get(geo)!;
    for (const s of sites) if (s.dataLocationCode) at(s.dataLocationCode).sites.push(s.webUrl);
    for (const u of users) if (u.preferredDataLocation) at(u.preferredDataLocation).users.push(u.userPrincipalName);

    if (where.size === 0) return [singleGeo(value(organization).countryLetterCode, allowed, ctx.tenantResource)];
    return [...where.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([geo, placed]): CheckResult => {
      const resource = { uid: `m365geo:${geo}`, name: `Microsoft 365 geography ${geo}`, type: "Microsoft.365/Geography", consoleUrl: ADMIN_CENTER.dataLocation };
      const evidence = { geography: geo, allowed: [...allowed], sites: placed.sites.length, users: placed.users.length, examples: [...placed.sites, ...placed.users].slice(0, 5) };
      if (allowed.has(geo)) return { status: "pass", resource, evidence };
      return {
        status: "fail", resource, evidence,
        message: {
          ja: `${geo} にサイト ${placed.sites.length} 個とユーザー ${placed.users.length} 人のデータがあり、許可した地域 (${[...allowed].join(", ")}) の外です。`,
          en: `${placed.sites.length} site(s) and ${placed.users.length} user(s) keep data in ${geo}, outside the allowed geographies (${[...allowed].join(", ")}).`,
        },
      };
    });
  },
});

/** Without Multi-Geo, Graph only tells the sign-up country: enough to fail a foreign one, not to confirm Japan. */
function singleGeo(country: string | null, allowed: Set<string>, tenantResource: CheckResult["resource"]): CheckResult {
  const resource = { ...tenantResource, consoleUrl: ADMIN_CENTER.dataLocation };
  const geo = country ? GEO_OF_COUNTRY[country] : undefined;
  const evidence = { countryLetterCode: country, likelyGeography: geo ?? null, allowed: [...allowed] };
  if (geo !== undefined && !allowed.has(geo)) {
    return {
      status: "fail", resource, evidence,
      message: {
        ja: `テナントは国 ${country} で作成されており、データは ${geo} に保存されていると考えられます（許可: ${[...allowed].join(", ")}）。`,
        en: `The tenant was created in country ${country}, so its data is most likely in ${geo} (allowed: ${[...allowed].join(", ")}).`,
      },
    };
  }
  return {
    status: "manual", resource, evidence,
    message: {
      ja: `Graph からはデータの場所を確認できません（サインアップの国: ${country ?? "不明"}）。管理センターの「データの場所」で確認してください。`,
      en: `Graph cannot tell where the data is (sign-up country: ${country ?? "unknown"}). Confirm it under Data location in the admin center.`,
    },
  };
}
