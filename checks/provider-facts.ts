import type { IpaItemNumber } from "./catalogue.ts";
import type { Provider } from "./framework.ts";
import type { Text } from "./text.ts";

/**
 * What cloud15 knows about each provider for the kind-S items (5, 6, 11–14): versioned data,
 * reviewed like code. Every entry names the page it was read from and the day it was read;
 * a test fails on an entry without either. The page shows an entry as a suggestion the owner
 * confirms, never as the owner's answer. Where no source was found there is no entry: cloud15
 * says nothing rather than something unsourced. Providers change their terms: re-check the
 * sources and update `checkedOn` when you touch an entry.
 */
export interface ProviderFact {
  id: string;
  provider: Provider;
  /** The items this fact helps the owner answer. */
  items: readonly IpaItemNumber[];
  topic: "ismap" | "certification" | "sla" | "exit" | "law";
  fact: Text;
  source: { url: string; title: string };
  /** The day someone read the source and found the fact there (YYYY-MM-DD). */
  checkedOn: string;
  /** What to keep in mind, e.g. the source is old or is a report about the fact. */
  caveat?: Text;
}

export const PROVIDER_FACTS: readonly ProviderFact[] = [
  {
    id: "aws.ismap",
    provider: "aws",
    items: [5],
    topic: "ismap",
    fact: {
      ja: "AWS のサービスは ISMAP（政府情報システムのためのセキュリティ評価制度）のクラウドサービスリストに登録されています（AWS の言明の対象サービスは AWS が公開しています）。",
      en: "AWS services are registered on the ISMAP cloud service list (Japan's government security assessment); AWS publishes which services its statement covers.",
    },
    source: { url: "https://aws.amazon.com/jp/blogs/news/amazon-bedrock-ismap", title: "AWS ブログ「Amazon Bedrock は ISMAP の言明対象であることについての考え方」" },
    checkedOn: "2026-11-27",
    caveat: {
      ja: "使うサービスが対象に含まれるかは ISMAP のクラウドサービスリストで確かめてください。",
      en: "Check the ISMAP cloud service list for the services you actually use.",
    },
  },
  {
    id: "aws.iso",
    provider: "aws",
    items: [5],
    topic: "certification",
    fact: {
      ja: "AWS は ISO/IEC 27001・27017・27018 の認証を受けたサービスを提供しています。",
      en: "AWS offers services certified under ISO/IEC 27001, 27017 and 27018.",
    },
    source: {
      url: "https://wixlib.com/document/4853b_archived-aws-certifications-programs-reports-third-party-attestations.html",
      title: "AWS Certifications, Programs, Reports, and Third-Party Attestations (March 2017, archived copy)",
    },
    checkedOn: "2026-11-27",
    caveat: {
      ja: "出典は 2017 年の資料の写しです。最新の対象範囲は AWS Artifact と AWS のコンプライアンスのページで確かめてください。",
      en: "The source is a copy of a 2017 paper: confirm today's scope in AWS Artifact and on AWS's compliance pages.",
    },
  },
  {
    id: "aws.sla",
    provider: "aws",
    items: [6],
    topic: "sla",
    fact: {
      ja: "AWS はサービスごとに SLA を公開しています。例: Amazon S3 は月間稼働率 99.9% を下回るとサービスクレジット（利用料の一部返還）の対象です。",
      en: "AWS publishes an SLA per service. For example, Amazon S3 gives service credits when monthly uptime falls below 99.9%.",
    },
    source: { url: "https://aws.amazon.com/s3/sla/historical/", title: "Amazon S3 Service Level Agreement (version of 2019-07-31)" },
    checkedOn: "2026-11-27",
    caveat: {
      ja: "出典は以前の版です。使っているサービスの現行の SLA を確かめてください。",
      en: "The source is an earlier version: check the current SLA of each service you use.",
    },
  },
  {
    id: "aws.contracting-party",
    provider: "aws",
    items: [14],
    topic: "law",
    fact: {
      ja: "アカウントの国が日本の場合、契約の相手は Amazon Web Services Japan G.K.（アマゾン ウェブ サービス ジャパン合同会社）です。",
      en: "For accounts whose country is Japan, the contracting party is Amazon Web Services Japan G.K.",
    },
    source: { url: "https://aws.amazon.com/legal/aws-contracting-party/", title: "AWS Contracting Party" },
    checkedOn: "2026-11-27",
  },
  {
    id: "aws.governing-law",
    provider: "aws",
    items: [14],
    topic: "law",
    fact: {
      ja: "AWS Artifact で「日本準拠法に関する AWS カスタマーアグリーメント変更契約」を結ぶと、準拠法は日本法、第一審の裁判所は東京地方裁判所になります（AWS Organizations で一括も可）。",
      en: "Accepting the Japanese-law amendment to the AWS Customer Agreement in AWS Artifact makes Japanese law govern and the Tokyo District Court the court of first instance (also for all accounts at once through AWS Organizations).",
    },
    source: {
      url: "https://aws.amazon.com/jp/blogs/news/aws-organizations-artifact-agreement/",
      title: "AWS ブログ「AWS Organizationsによる、日本準拠法に関する AWS カスタマーアグリーメントの一括変更について」",
    },
    checkedOn: "2026-11-27",
  },
  {
    id: "microsoft.iso",
    provider: "microsoft",
    items: [5],
    topic: "certification",
    fact: {
      ja: "Office 365（Microsoft 365）は ISO/IEC 27001 と ISO/IEC 27017 の対象で、毎年監査を受けています。",
      en: "Office 365 (Microsoft 365) is in scope of ISO/IEC 27001 and ISO/IEC 27017 and is audited every year.",
    },
    source: { url: "https://www.microsoft.com/en-us/trustcenter/compliance/iso-iec-27017", title: "Microsoft Trust Center: ISO/IEC 27017" },
    checkedOn: "2026-11-27",
  },
  {
    id: "microsoft.sla",
    provider: "microsoft",
    items: [6],
    topic: "sla",
    fact: {
      ja: "Microsoft は Exchange Online・SharePoint Online などに返金付きの SLA を公開しており、月間稼働率 99.9% を下回るとサービスクレジットの対象です。",
      en: "Microsoft publishes a financially backed SLA for Exchange Online, SharePoint Online and other online services: below 99.9% monthly uptime, service credits apply.",
    },
    source: {
      url: "https://blogs.technet.microsoft.com/lystavlen/2013/04/29/service-level-agreement-for-microsoft-online-services/",
      title: "Microsoft TechNet blog: Service Level Agreement for Microsoft Online Services (2013)",
    },
    checkedOn: "2026-11-27",
    caveat: {
      ja: "出典は 2013 年の記事です。現行の「Service Level Agreements (SLA) for Online Services」を確かめてください。",
      en: "The source is from 2013: check the current “Service Level Agreements (SLA) for Online Services”.",
    },
  },
  {
    id: "microsoft.exit",
    provider: "microsoft",
    items: [13],
    topic: "exit",
    fact: {
      ja: "契約が終わると、データを取り出せる機能制限付きの状態が 90 日続き、その後削除されます。遅くとも終了から 180 日で全データが削除されます。",
      en: "When a subscription ends, the account stays in a limited-function state for 90 days so you can take your data out; then it is deleted, all of it within 180 days at the latest.",
    },
    source: {
      url: "https://learn.microsoft.com/en-us/training/modules/audit-privacy/destruction",
      title: "Microsoft Learn: Understand the data lifecycle – retention and destruction",
    },
    checkedOn: "2026-11-27",
  },
  {
    id: "google.ismap",
    provider: "google",
    items: [5],
    topic: "ismap",
    fact: {
      ja: "Google Workspace は ISMAP に登録済みと報じられています。",
      en: "Google Workspace is reported to be registered on ISMAP.",
    },
    source: { url: "https://www.watch.impress.co.jp/docs/news/2079001.html", title: "Impress Watch「Google、公的機関向けWorkspaceの規約を日本法準拠に改定」(2026-01-19)" },
    checkedOn: "2026-11-27",
    caveat: {
      ja: "報道による情報です。ISMAP のクラウドサービスリストで確かめてください。",
      en: "This is a news report: confirm it on the ISMAP cloud service list.",
    },
  },
  {
    id: "google.iso",
    provider: "google",
    items: [5],
    topic: "certification",
    fact: {
      ja: "Google Workspace は ISO/IEC 27001・27017・27018 と SOC 1/2/3 の第三者監査を毎年受けています。",
      en: "Google Workspace is audited every year by third parties for ISO/IEC 27001, 27017 and 27018 and SOC 1/2/3.",
    },
    source: { url: "https://support.google.com/googlecloud/answer/6056694?hl=ja", title: "Google Cloud ヘルプ: コンプライアンスに関するよくある質問" },
    checkedOn: "2026-11-27",
  },
  {
    id: "google.sla",
    provider: "google",
    items: [6],
    topic: "sla",
    fact: {
      ja: "Google Workspace の SLA は月間稼働率 99.9% 以上を約束し、下回るとサービス日数の追加（サービスクレジット）の対象です。",
      en: "The Google Workspace SLA promises at least 99.9% monthly uptime; below that, service credits (extra days of service) apply.",
    },
    source: { url: "https://workspace.google.com/terms/sla.html", title: "Google Workspace Service Level Agreement" },
    checkedOn: "2026-11-27",
  },
  {
    id: "google.governing-law",
    provider: "google",
    items: [14],
    topic: "law",
    fact: {
      ja: "2026 年 1 月から、利用者が日本の公的機関の場合に限り、準拠法は日本法、専属的合意管轄は東京地方裁判所と規約（第 14.12 項 (d)）に定められています。民間企業はご自身の契約の準拠法の条項を確かめてください。",
      en: "Since January 2026 the terms (section 14.12(d)) name Japanese law and the Tokyo District Court only when the customer is a Japanese public body. A company should read the governing-law clause of its own agreement.",
    },
    source: { url: "https://www.watch.impress.co.jp/docs/news/2079001.html", title: "Impress Watch「Google、公的機関向けWorkspaceの規約を日本法準拠に改定」(2026-01-19)" },
    checkedOn: "2026-11-27",
  },
];

/** The facts about the given providers that bear on one item. */
export function providerFactsFor(item: number, providers: readonly Provider[]): ProviderFact[] {
  return PROVIDER_FACTS.filter((f) => f.items.includes(item as IpaItemNumber) && providers.includes(f.provider));
}
