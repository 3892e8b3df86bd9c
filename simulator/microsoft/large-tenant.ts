import { anyoneLink, DEFAULT_SHAREPOINT_SETTINGS, file, guid, member, personalSite, SCANNER_ROLES, SKU, teamSite } from "./build.ts";
import { ROLE, type SimMicrosoftTenant, type SimSite } from "./model.ts";

export interface LargeTenantOptions {
  users: number;
  /** Files spread over every user's OneDrive and two team sites. */
  driveItems: number;
  /** Share of files with an "Anyone" link, e.g. 0.02. */
  sharedRatio: number;
  entraP1?: boolean;
  now?: Date;
}

export const LARGE_CLIENT_ID = "b0b0b0b0-5ca0-4e40-8000-000000000015";
export const LARGE_CLIENT_SECRET = "simulator-only-bench-secret";

/** A tenant of the size the benchmark asks for; everything a scan reads grows with it. */
export function largeTenant(opts: LargeTenantOptions): SimMicrosoftTenant {
  const now = opts.now ?? new Date();
  const domain = "large-co.onmicrosoft.com";
  const sku = opts.entraP1 === false ? SKU.businessStandard : SKU.businessPremium;
  const users = Array.from({ length: opts.users }, (_, i) => member(domain, `user${String(i).padStart(5, "0")}`, `User ${i}`, {
    licenses: [sku.skuId],
    methods: i % 5 === 0 ? ["password"] : ["password", "microsoftAuthenticator"],
    lastSignInDateTime: new Date(now.getTime() - (i % 200) * 86_400_000).toISOString(),
  }));
  const tenant: SimMicrosoftTenant = {
    tenantId: guid("tenant:large-co"),
    initialDomain: domain,
    organization: {
      displayName: "Large Co.", countryLetterCode: "JP", preferredLanguage: "ja-JP", createdDateTime: "2020-01-01T00:00:00Z",
      technicalNotificationMails: [`it@${domain}`], securityComplianceNotificationMails: [`security@${domain}`],
    },
    apps: [{ clientId: LARGE_CLIENT_ID, displayName: "cloud15 scanner", clientSecret: LARGE_CLIENT_SECRET, roles: [...SCANNER_ROLES] }],
    skus: [{ ...sku, enabledUnits: opts.users }],
    users,
    groups: [],
    servicePrincipals: [],
    securityDefaults: false,
    conditionalAccessPolicies: [],
    roleAssignments: users.slice(0, 3).map((u) => ({ id: guid(`ra:${u.id}`), roleDefinitionId: ROLE.globalAdministrator, principalId: u.id })),
    sharePointSettings: { ...DEFAULT_SHAREPOINT_SETTINGS, sharingCapability: "externalUserAndGuestSharing" },
    sharePointHost: "large-co.sharepoint.com",
    sites: [],
    backup: { status: "disabled", policies: [] },
    secureScore: { currentScore: 0, maxScore: 10, controls: [] },
    serviceHealth: [],
    sensitivityLabels: [],
  };
  const sites: SimSite[] = [teamSite(tenant, "", "Large Co."), teamSite(tenant, "projects", "Projects"), ...users.map((u) => personalSite(tenant, u))];
  const drives = sites.map((s) => s.drives[0]!);
  const every = Math.max(1, Math.round(1 / opts.sharedRatio));
  for (let i = 0; i < opts.driveItems; i++) {
    const shared = i % every === every - 1;
    file(drives[i % drives.length]!, `file-${i}.docx`, shared ? [anyoneLink(i % (every * 5) === every - 1 ? "edit" : "view")] : []);
  }
  tenant.sites = sites;
  return tenant;
}
