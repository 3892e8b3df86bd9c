import { createHash } from "node:crypto";
import { seededRandom } from "../seeded-random.ts";
import type { SimAlert, SimFile, SimPermission, SimPolicy, SimSharedDrive, SimUser, SimWorkspace } from "./model.ts";

export const EXAMPLE_CO_DOMAIN = "example-co.jp";
/** The super administrator the demo's service account impersonates for tenant-wide reads. */
export const EXAMPLE_CO_ADMIN = `it-support@${EXAMPLE_CO_DOMAIN}`;

/** Every scope cloud15 asks for, as the demo company granted them to the service account. */
export const READONLY_SCOPES = [
  "https://www.googleapis.com/auth/admin.directory.user.readonly",
  "https://www.googleapis.com/auth/admin.directory.orgunit.readonly",
  "https://www.googleapis.com/auth/drive.metadata.readonly",
  "https://www.googleapis.com/auth/drive.readonly",
  "https://www.googleapis.com/auth/cloud-identity.policies.readonly",
  "https://www.googleapis.com/auth/apps.alerts",
  "https://www.googleapis.com/auth/apps.licensing",
  "https://www.googleapis.com/auth/drive.admin.labels.readonly",
];

const CLIENT_ID = "104200000000000000015";
const DOC = "application/vnd.google-apps.document";
const SHEET = "application/vnd.google-apps.spreadsheet";
const SLIDES = "application/vnd.google-apps.presentation";
const PDF = "application/pdf";
const ROOT_OU = "03ph8a2z0example";
const OFFICE_OU = "03ph8a2z1office";
/** License Manager's SKU id of Google Workspace Business Standard, the demo company's edition. */
const BUSINESS_STANDARD = "1010020028";

/**
 * Example Co.'s Google Workspace (example-co.jp), with the mistakes a small company makes
 * beside things done right: 2-Step Verification offered but enforced only in the office,
 * five super administrators (one a shared account without 2SV), a leaver suspended, a
 * contractor who never signed in, a customer list public on the web and a quote editable
 * by anyone with its link; the leaver still holds a paid licence, two super administrators
 * have no way to recover their account, two alerts are left open, Gmail does not screen
 * unusual attachments, and no Drive label is published. Dates are relative to `now` so
 * "inactive" stays true.
 */
export function exampleCoWorkspace(now: Date = new Date()): SimWorkspace {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  let fileNo = 0;
  const file = (name: string, mimeType: string, permissions: SimPermission[] = [], rest: Partial<SimFile> = {}): SimFile =>
    ({ id: fileId(`example-co-${++fileNo}`), name, mimeType, createdTime: daysAgo(300), modifiedTime: daysAgo(20), permissions, ...rest });
  const user = (local: string, given: string, family: string, rest: Partial<SimUser>): SimUser => ({
    id: userId(local),
    primaryEmail: `${local}@${EXAMPLE_CO_DOMAIN}`,
    givenName: given,
    familyName: family,
    isAdmin: false,
    isDelegatedAdmin: false,
    isEnrolledIn2Sv: true,
    isEnforcedIn2Sv: false,
    suspended: false,
    archived: false,
    lastLoginTime: daysAgo(1),
    creationTime: daysAgo(900),
    orgUnitPath: "/",
    files: [],
    skuId: BUSINESS_STANDARD,
    ...rest,
  });
  const office = { orgUnitPath: "/Office", isEnforcedIn2Sv: true };
  const member = (local: string, role: SimPermission["role"]): SimPermission =>
    ({ type: "user", role, emailAddress: `${local}@${EXAMPLE_CO_DOMAIN}` });
  const linkOnly = (role: SimPermission["role"]): SimPermission => ({ type: "anyone", role, allowFileDiscovery: false });
  const onTheWeb = (role: SimPermission["role"]): SimPermission => ({ type: "anyone", role, allowFileDiscovery: true });
  const wholeCompany: SimPermission = { type: "domain", role: "reader", domain: EXAMPLE_CO_DOMAIN, allowFileDiscovery: false };

  const users: SimUser[] = [
    user("tanaka", "一郎", "田中", {
      ...office, isAdmin: true, recoveryEmail: "ichiro.tanaka@example.net", recoveryPhone: "+819000000015",
      files: [file("事業計画2026", DOC), file("会社案内", PDF, [wholeCompany])],
    }),
    // Super admin without 2-Step Verification, outside the office unit where it is enforced.
    user("suzuki", "花子", "鈴木", { isAdmin: true, isEnrolledIn2Sv: false, lastLoginTime: daysAgo(3), files: [file("経費精算メモ", DOC)] }),
    user("it-support", "IT", "サポート", { ...office, isAdmin: true, creationTime: daysAgo(600), recoveryPhone: "+819000000016" }),
    // A shared administrator account: nobody owns it, nobody set up 2SV for it.
    user("admin", "管理者", "共有", { isAdmin: true, isEnrolledIn2Sv: false, lastLoginTime: daysAgo(30) }),
    user("kimura", "健", "木村", { ...office, isAdmin: true, lastLoginTime: daysAgo(2), recoveryEmail: "ken.kimura@example.net" }),
    user("sato", "次郎", "佐藤", { ...office, isDelegatedAdmin: true, files: [file("採用計画", SHEET)] }),
    user("takahashi", "三郎", "高橋", {
      orgUnitPath: "/Sales", isEnrolledIn2Sv: false,
      files: [
        // Anyone with the link can edit the quote.
        file("見積書_A社", SHEET, [linkOnly("writer")]),
        file("提案資料", SLIDES, [member("ito", "writer")]),
      ],
    }),
    user("ito", "美咲", "伊藤", {
      orgUnitPath: "/Sales",
      // Public on the web: anyone can find it by search.
      files: [file("顧客リスト", SHEET, [onTheWeb("reader")])],
    }),
    user("kobayashi", "大輔", "小林", {
      orgUnitPath: "/Sales", lastLoginTime: daysAgo(120),
      files: [file("営業日報", DOC, [wholeCompany])],
    }),
    // A contractor account made months ago and never used.
    user("watanabe", "翔", "渡辺", { ...office, isEnrolledIn2Sv: false, lastLoginTime: undefined, creationTime: daysAgo(200) }),
    // A new hire who has not signed in yet: not inactive.
    user("nakamura", "陽菜", "中村", { ...office, isEnrolledIn2Sv: false, lastLoginTime: undefined, creationTime: daysAgo(5) }),
    // Left the company; suspended, so no one can sign in, but the account, its files and its paid licence remain.
    user("yamada", "誠", "山田", {
      orgUnitPath: "/Sales", suspended: true, lastLoginTime: daysAgo(150),
      files: [file("引継ぎ資料", DOC, [linkOnly("reader")])],
    }),
    // Left two years ago and archived the right way: data kept, the Workspace licence released.
    user("matsumoto", "恵", "松本", { orgUnitPath: "/Sales", archived: true, lastLoginTime: daysAgo(400), skuId: undefined }),
  ];

  const sharedDrives: SimSharedDrive[] = [
    {
      id: driveId("accounting"), name: "経理", createdTime: daysAgo(800), domainUsersOnly: true,
      members: [member("tanaka", "organizer"), member("sato", "fileOrganizer")],
      // An old link share, inert while the drive admits only company accounts.
      files: [file("決算書2025", PDF, [linkOnly("reader")])],
    },
    {
      id: driveId("sales"), name: "営業共有", createdTime: daysAgo(700), domainUsersOnly: false,
      members: [member("takahashi", "organizer"), member("ito", "writer")],
      files: [file("価格表2026", PDF, [linkOnly("reader")]), file("社内研修資料", SLIDES)],
    },
    {
      id: driveId("recruiting"), name: "採用", createdTime: daysAgo(400), domainUsersOnly: false,
      members: [member("sato", "organizer")],
      files: [file("面接評価シート", SHEET)],
    },
  ];

  const policies: SimPolicy[] = [
    {
      type: "settings/drive_and_docs.external_sharing", orgUnitId: ROOT_OU,
      value: {
        externalSharingMode: "ALLOWED", allowReceivingExternalFiles: true, warnForExternalSharing: true,
        allowNonGoogleInvites: true, allowPublishingFiles: true,
        accessCheckerSuggestions: "RECIPIENTS_OR_AUDIENCE_OR_PUBLIC", allowedPartiesForDistributingContent: "ALL_ELIGIBLE_USERS",
      },
    },
    {
      type: "settings/drive_and_docs.external_sharing", orgUnitId: OFFICE_OU,
      value: {
        externalSharingMode: "ALLOWLISTED_DOMAINS", allowReceivingExternalFiles: true, warnForSharingOutsideAllowlistedDomains: true,
        allowReceivingFilesOutsideAllowlistedDomains: false, allowNonGoogleInvitesInAllowlistedDomains: false,
        allowPublishingFiles: false, accessCheckerSuggestions: "RECIPIENTS_ONLY", allowedPartiesForDistributingContent: "ELIGIBLE_INTERNAL_USERS",
      },
    },
    { type: "settings/security.less_secure_apps", orgUnitId: ROOT_OU, value: { allowLessSecureApps: false } },
    // Attachments of unusual types reach the inbox unscreened.
    {
      type: "settings/gmail.email_attachment_safety", orgUnitId: ROOT_OU,
      value: {
        enableEncryptedAttachmentProtection: true, encryptedAttachmentProtectionConsequence: "WARNING",
        enableAttachmentWithScriptsProtection: true, attachmentWithScriptsProtectionConsequence: "WARNING",
        enableAnomalousAttachmentProtection: false, anomalousAttachmentProtectionConsequence: "WARNING",
        applyFutureRecommendedSettingsAutomatically: false,
      },
    },
    {
      type: "settings/gmail.spoofing_and_authentication", orgUnitId: ROOT_OU,
      value: {
        detectDomainNameSpoofing: true, detectEmployeeNameSpoofing: true, detectDomainSpoofingFromUnauthenticatedSenders: true,
        detectUnauthenticatedEmails: true, detectGroupsSpoofing: true, applyFutureSettingsAutomatically: true,
      },
    },
  ];

  // One phishing report nobody looked at, a suspicious sign-in being looked into, a leaked password dealt with.
  const alerts: SimAlert[] = [
    { alertId: alertId("phishing"), type: "User reported phishing", source: "Gmail phishing", createTime: daysAgo(3), status: "NOT_STARTED", severity: "MEDIUM" },
    { alertId: alertId("login"), type: "Suspicious login", source: "Google identity", createTime: daysAgo(10), status: "IN_PROGRESS", severity: "HIGH" },
    { alertId: alertId("leaked"), type: "Leaked password", source: "Google identity", createTime: daysAgo(12), status: "CLOSED", severity: "HIGH" },
    // Older than the month the scan reads.
    { alertId: alertId("old-login"), type: "Suspicious login", source: "Google identity", createTime: daysAgo(60), status: "CLOSED", severity: "MEDIUM" },
  ];

  return {
    customerId: "C03ex4mpl",
    domain: EXAMPLE_CO_DOMAIN,
    serviceAccount: {
      clientEmail: "cloud15-scanner@example-co-cloud15.iam.gserviceaccount.com",
      clientId: CLIENT_ID,
      projectId: "example-co-cloud15",
    },
    delegation: { [CLIENT_ID]: [...READONLY_SCOPES] },
    orgUnits: [{ id: ROOT_OU, path: "/" }, { id: OFFICE_OU, path: "/Office" }, { id: "03ph8a2z2sales", path: "/Sales" }],
    users,
    sharedDrives,
    policies,
    alerts,
    // A label drafted and never published: nothing is classified yet.
    driveLabels: [{ id: "sfwWfFxpDxaVuEPrAQv3XBg1dU7XaF7tN2pRbX9bfb9", title: "社外秘", labelType: "ADMIN", state: "UNPUBLISHED_DRAFT" }],
  };
}

/**
 * A large customer for the benchmark: `users` accounts (2% suspended), `files` files spread
 * over their My Drives and 50 shared drives, `publicShare` of them shared with anyone
 * (four in five by link only). Repeatable: the same seed gives the same tenant.
 */
export function largeWorkspace(opts: { users: number; files: number; publicShare: number }, now: Date = new Date()): SimWorkspace {
  const random = seededRandom(15);
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const base = exampleCoWorkspace(now);
  const domain = "large.example";
  const email = (i: number) => `user${String(i).padStart(5, "0")}@${domain}`;
  const roles: SimPermission["role"][] = ["reader", "reader", "commenter", "writer"];
  let fileNo = 0;
  const makeFile = (): SimFile => {
    const n = ++fileNo;
    const permissions: SimPermission[] = [];
    if (random() < opts.publicShare) {
      permissions.push({ type: "anyone", role: roles[Math.floor(random() * roles.length)]!, allowFileDiscovery: random() < 0.2 });
    } else if (random() < 0.3) {
      permissions.push({ type: "domain", role: "reader", domain, allowFileDiscovery: false });
    }
    return { id: fileId(`large-${n}`), name: `file-${n}`, mimeType: DOC, createdTime: daysAgo(400), modifiedTime: daysAgo(10), permissions };
  };

  const driveCount = 50;
  const inSharedDrives = Math.floor(opts.files * 0.05);
  const perUser = Math.floor((opts.files - inSharedDrives) / opts.users);
  const users: SimUser[] = Array.from({ length: opts.users }, (_, i) => ({
    id: userId(`large-${i}`),
    primaryEmail: email(i),
    givenName: "User",
    familyName: String(i),
    isAdmin: i < 3,
    isDelegatedAdmin: i >= 3 && i < 8,
    isEnrolledIn2Sv: random() < 0.8,
    isEnforcedIn2Sv: i % 4 !== 0,
    suspended: i >= 8 && random() < 0.02,
    archived: false,
    ...(random() < 0.95 ? { lastLoginTime: daysAgo(Math.floor(random() * 150)) } : {}),
    creationTime: daysAgo(200 + Math.floor(random() * 1000)),
    orgUnitPath: i % 4 === 0 ? "/Sales" : "/Office",
    files: Array.from({ length: perUser }, makeFile),
    skuId: BUSINESS_STANDARD,
  }));
  const sharedDrives: SimSharedDrive[] = Array.from({ length: driveCount }, (_, d) => ({
    id: driveId(`large-${d}`),
    name: `shared-${d}`,
    createdTime: daysAgo(500),
    domainUsersOnly: d % 5 === 0,
    members: [0, 1, 2].map((k) => ({ type: "user", role: k === 0 ? "organizer" : "writer", emailAddress: email(8 + d * 3 + k) })),
    files: Array.from({ length: Math.floor(inSharedDrives / driveCount) }, makeFile),
  }));
  // Shared-drive members stand in for the drive: keep them active so each drive can be read.
  for (const drive of sharedDrives) {
    for (const m of drive.members) users.find((u) => u.primaryEmail === m.emailAddress)!.suspended = false;
  }
  return {
    ...base,
    customerId: "C0large15",
    domain,
    delegation: { [base.serviceAccount.clientId]: [...READONLY_SCOPES] },
    users,
    sharedDrives,
    policies: base.policies,
  };
}

function userId(seed: string): string {
  const digits = BigInt(`0x${createHash("sha256").update(seed).digest("hex").slice(0, 16)}`).toString().padStart(20, "0");
  return `1${digits.slice(0, 20)}`;
}

/** Alert Center's ids are UUIDs. */
function alertId(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function fileId(seed: string): string {
  return `1${createHash("sha256").update(seed).digest("base64url").slice(0, 32)}`;
}

function driveId(seed: string): string {
  return `0A${createHash("sha256").update(seed).digest("base64url").slice(0, 8)}Uk9PVA`;
}

