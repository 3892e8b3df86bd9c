import {
  anyoneLink, daysAgo, DEFAULT_SHAREPOINT_SETTINGS, file, grantTo, guest, guid, member, organizationLink, personalSite, SCANNER_ROLES,
  SKU, teamSite,
} from "./build.ts";
import { ROLE, type SimMicrosoftTenant, type SimSite, type SimUser } from "./model.ts";

export const EXAMPLE_CO_TENANT_ID = "e5a7c0de-0015-4c15-8a15-0000000000e1";
export const EXAMPLE_CO_CLIENT_ID = "c1015c15-5ca0-4e40-8000-000000000015";
/** The simulated app registration's secret: handed over in code, never written to a config file. */
export const EXAMPLE_CO_CLIENT_SECRET = "simulator-only-graph-secret";

const DOMAIN = "example-co.onmicrosoft.com";

/**
 * Example Co.'s Microsoft 365 (株式会社エグザンプル, Business Premium, Multi-Geo with a US sales
 * office): the mistakes a small company makes next to things done right, so that every
 * check has a `pass` and a `fail`. A fresh copy each call; dates are relative to `now`.
 */
export function exampleCoTenant(now: Date = new Date()): SimMicrosoftTenant {
  const ago = (days: number) => daysAgo(now, days);
  const inDays = (days: number) => daysAgo(now, -days);
  const premium = [SKU.businessPremium.skuId];
  const active = { licenses: premium, lastSignInDateTime: ago(1), lastNonInteractiveSignInDateTime: ago(0) };

  const tanaka = member(DOMAIN, "tanaka", "田中 太郎", { ...active, methods: ["password", "microsoftAuthenticator"], preferredDataLocation: "JPN" });
  // A Global Administrator who never registered MFA.
  const suzuki = member(DOMAIN, "suzuki", "鈴木 花子", { ...active, methods: ["password"] });
  const sato = member(DOMAIN, "sato", "佐藤 次郎", { ...active, methods: ["password", "microsoftAuthenticator", "phone"] });
  const takahashi = member(DOMAIN, "takahashi", "高橋 美咲", { ...active, methods: ["password", "phone"] });
  const ito = member(DOMAIN, "ito", "伊藤 健", { ...active, methods: ["password"] });
  // The shared reception account, left out of the MFA policy "because the tablet cannot do MFA".
  const uketsuke = member(DOMAIN, "uketsuke", "受付 (共用)", { ...active, methods: ["password"] });
  const vendor = member(DOMAIN, "it-support", "ITサポート (委託先)", { ...active, methods: ["password", "fido2"] });
  // The account the tenant was set up with; still a Global Administrator.
  const setup = member(DOMAIN, "admin", "MOD Administrator", { licenses: [], methods: ["password"], lastSignInDateTime: ago(20) });
  // Left last year: disabled, but still licensed (and still a Global Administrator).
  const yamada = member(DOMAIN, "yamada", "山田 一郎", { licenses: premium, accountEnabled: false, methods: ["password", "microsoftAuthenticator"], lastSignInDateTime: ago(240) });
  // Left and cleaned up.
  const nakamura = member(DOMAIN, "nakamura", "中村 優子", { accountEnabled: false, methods: ["password"], lastSignInDateTime: ago(400) });
  // On long leave: no sign-in for half a year.
  const kobayashi = member(DOMAIN, "kobayashi", "小林 誠", { licenses: premium, methods: ["password", "microsoftAuthenticator"], lastSignInDateTime: ago(190), lastNonInteractiveSignInDateTime: ago(185) });
  // The US sales office: mailbox and OneDrive in North America.
  const jane = member(DOMAIN, "jane.smith", "Jane Smith", { ...active, methods: ["password", "microsoftAuthenticator"], preferredDataLocation: "NAM" });

  const partner = guest(DOMAIN, "kimura@partner.example.jp", "木村 (パートナー社)", { methods: ["microsoftAuthenticator"], lastSignInDateTime: ago(5) });
  const designer = guest(DOMAIN, "studio@design.example.com", "Design Studio", { methods: [], lastSignInDateTime: ago(300), createdDateTime: ago(500) });
  const pending = guest(DOMAIN, "tax@accountant.example.jp", "会計事務所", { methods: [], externalUserState: "PendingAcceptance", createdDateTime: ago(120) });

  const users: SimUser[] = [tanaka, suzuki, sato, takahashi, ito, uketsuke, vendor, setup, yamada, nakamura, kobayashi, jane, partner, designer, pending];
  const tenant: SimMicrosoftTenant = {
    tenantId: EXAMPLE_CO_TENANT_ID,
    initialDomain: DOMAIN,
    organization: {
      displayName: "株式会社エグザンプル", countryLetterCode: "JP", preferredLanguage: "ja-JP", createdDateTime: "2019-04-01T00:00:00Z",
      // The IT vendor gets Microsoft's technical notices; nobody was named for security notices.
      technicalNotificationMails: ["it-support@example-co.onmicrosoft.com"], securityComplianceNotificationMails: [],
    },
    apps: [{ clientId: EXAMPLE_CO_CLIENT_ID, displayName: "cloud15 scanner (read-only)", clientSecret: EXAMPLE_CO_CLIENT_SECRET, roles: [...SCANNER_ROLES] }],
    skus: [{ ...SKU.businessPremium, enabledUnits: 15 }],
    users,
    groups: [],
    servicePrincipals: [{ id: guid("sp:backup-tool"), appId: guid("app:backup-tool"), displayName: "Old backup tool" }],
    securityDefaults: false,
    conditionalAccessPolicies: [
      caPolicy("全ユーザーに MFA を要求", "enabled", { excludeUsers: [uketsuke.id] }),
      // Meant to block legacy sign-ins, but left in report-only mode: nothing is blocked.
      caPolicy("レガシー認証をブロック (レポートのみ)", "enabledForReportingButNotEnforced", {}, { builtInControls: ["block"] },
        { clientAppTypes: ["exchangeActiveSync", "other"] }),
    ],
    roleAssignments: [
      ...[tanaka, suzuki, vendor, setup, yamada].map((u) => ({ id: guid(`ra:ga:${u.id}`), roleDefinitionId: ROLE.globalAdministrator, principalId: u.id })),
      { id: guid("ra:spo:sato"), roleDefinitionId: ROLE.sharePointAdministrator, principalId: sato.id },
      { id: guid("ra:exo:sato"), roleDefinitionId: ROLE.exchangeAdministrator, principalId: sato.id },
      { id: guid("ra:reader:sp"), roleDefinitionId: ROLE.globalReader, principalId: guid("sp:backup-tool") },
    ],
    // "Anyone" links were switched on for one customer and never switched off; a leaver's OneDrive is kept
    // for Microsoft's default 30 days only.
    sharePointSettings: { ...DEFAULT_SHAREPOINT_SETTINGS, sharingCapability: "externalUserAndGuestSharing" },
    sharePointHost: "example-co.sharepoint.com",
    sites: [],
    backup: {
      status: "enabled",
      policies: [
        { id: guid("bp:od"), workload: "oneDriveForBusiness", displayName: "OneDrive 全員", status: "active" },
        { id: guid("bp:spo"), workload: "sharePoint", displayName: "SharePoint 主要サイト", status: "inactive" },
      ],
    },
    secureScore: {
      currentScore: 20,
      maxScore: 60,
      controls: [
        { id: "AdminMFAV2", title: "Ensure multifactor authentication is enabled for all users in administrative roles", category: "Identity", maxScore: 10, score: 6 },
        { id: "MFARegistrationV2", title: "Ensure all users can complete multifactor authentication", category: "Identity", maxScore: 9, score: 5 },
        { id: "BlockLegacyAuthentication", title: "Enable Conditional Access policies to block legacy authentication", category: "Identity", maxScore: 8, score: 0 },
        { id: "OneAdmin", title: "Designate more than one global admin", category: "Identity", maxScore: 1, score: 1 },
        { id: "PWAgePolicyNew", title: "Ensure the 'Password expiration policy' is set to 'Set passwords to never expire (recommended)'", category: "Identity", maxScore: 8, score: 8 },
        { id: "SelfServicePasswordReset", title: "Ensure self-service password reset is enabled", category: "Identity", maxScore: 1, score: 0 },
        { id: "IntegratedApps", title: "Ensure user consent to apps accessing company data on their behalf is not allowed", category: "Apps", maxScore: 4, score: 0 },
        { id: "mdo_safeattachments", title: "Turn on Safe Attachments in block mode", category: "Apps", maxScore: 8, score: 0 },
        { id: "DLPEnabled", title: "Apply Data Loss Prevention policies", category: "Data", maxScore: 10, score: 0 },
        { id: "aad_limited_administrative_roles", title: "Use least privileged administrative roles", category: "Identity", maxScore: 1, score: 0 },
        { id: "OldControlRetired", title: "A control Microsoft no longer counts", category: "Identity", maxScore: 5, score: 0, deprecated: true },
      ],
    },
    serviceHealth: [
      {
        id: "Exchange", service: "Exchange Online", status: "serviceDegradation",
        issues: [{
          id: "EX1046201", title: "Some users may see delays when sending email to external recipients", classification: "incident", status: "serviceDegradation",
          feature: "E-Mail and calendar access", impactDescription: "Users may experience delays of up to 30 minutes when sending email to external recipients.",
          startDateTime: ago(0), isResolved: false,
        }],
      },
      {
        id: "SharePoint", service: "SharePoint Online", status: "serviceOperational",
        issues: [{
          id: "SP1039987", title: "Users may have been unable to open some files in the browser", classification: "advisory", status: "serviceRestored",
          feature: "SharePoint Features", impactDescription: "Users may have been unable to open some Office files in the browser.",
          startDateTime: ago(12), isResolved: true,
        }],
      },
      { id: "OrgLiveID", service: "Microsoft Entra", status: "serviceOperational", issues: [] },
    ],
    // Business Premium includes sensitivity labels, but none was ever created.
    sensitivityLabels: [],
  };

  const root = teamSite(tenant, "", "株式会社エグザンプル", "JPN");
  const sales = teamSite(tenant, "sales", "営業部", "JPN");
  const usOffice = teamSite(tenant, "us-office", "US Office", "NAM");
  const onedrive = (u: SimUser) => personalSite(tenant, u, u.preferredDataLocation ?? "JPN");
  const personal = [tanaka, suzuki, sato, takahashi, ito, jane, yamada].map(onedrive);
  const [tanakaDrive, suzukiDrive, , takahashiDrive, , , yamadaDrive] = personal.map((s) => s.drives[0]!);

  // A quotation shared with anyone, view-only, expiring in a week.
  file(tanakaDrive!, "見積書_2026.xlsx", [anyoneLink("view", inDays(7))]);
  file(tanakaDrive!, "経営計画.docx");
  // The customer list, editable by anyone who has the link, forever.
  file(suzukiDrive!, "顧客リスト.xlsx", [anyoneLink("edit")]);
  file(takahashiDrive!, "議事録_0401.docx", [grantTo(ito.id, "write")]);
  const salesDrive = sales.drives[0]!;
  file(salesDrive, "製品カタログ.pdf", [anyoneLink("view")]);
  file(salesDrive, "提案書_A社.pptx", [organizationLink("view")]);
  file(salesDrive, "売上実績.xlsx");
  // Editable by anyone with the link, but it expires.
  file(usOffice.drives[0]!, "price-list.xlsx", [anyoneLink("edit", inDays(30))]);
  file(root.drives[0]!, "会社案内.pdf");
  // The leaver's price negotiations, still open to anyone with the link after he left.
  file(yamadaDrive!, "取引先別_値引き条件.xlsx", [anyoneLink("view")]);

  const sites: SimSite[] = [root, sales, usOffice, ...personal];
  tenant.sites = sites;
  return tenant;
}

/** A Conditional Access policy as Graph returns it; by default all users, all apps, grant MFA. */
export function caPolicy(
  displayName: string,
  state: "enabled" | "disabled" | "enabledForReportingButNotEnforced",
  users: { includeUsers?: string[]; excludeUsers?: string[]; includeGroups?: string[]; excludeGroups?: string[]; excludeRoles?: string[] },
  grant: { builtInControls?: string[] } = {},
  /** Graph's conditionSet fields to set (locations, platforms, signInRiskLevels, …), over "every sign-in". */
  conditions: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: guid(`ca:${displayName}`),
    templateId: null,
    displayName,
    createdDateTime: "2024-04-01T00:00:00Z",
    modifiedDateTime: "2025-04-01T00:00:00Z",
    state,
    sessionControls: null,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ["all"],
      platforms: null,
      locations: null,
      applications: { includeApplications: ["All"], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [] },
      users: {
        includeUsers: users.includeUsers ?? ["All"],
        excludeUsers: users.excludeUsers ?? [],
        includeGroups: users.includeGroups ?? [],
        excludeGroups: users.excludeGroups ?? [],
        includeRoles: [],
        excludeRoles: users.excludeRoles ?? [],
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: null,
      },
      ...conditions,
    },
    grantControls: { operator: "OR", builtInControls: grant.builtInControls ?? ["mfa"], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null },
  };
}
