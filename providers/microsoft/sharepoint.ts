import type { Fact } from "../fact.ts";
import type { GraphCaller } from "./caller.ts";
import type { SharePointSharing, SiteSummary } from "./facts.ts";
import { parseOptionalBoolean, parseRetentionDays, parseSharingCapability } from "./parse.ts";

export function getSharePointSharing(caller: GraphCaller): Promise<Fact<SharePointSharing>> {
  return caller.fact("GetSharePointSettings", async () => {
    const answer = await caller.get<GraphSettings & { value?: GraphSettings }>("GetSharePointSettings", "/admin/sharepoint/settings");
    // Microsoft's reference page shows the settings wrapped in `value`; the service sends them bare.
    const s = typeof answer.value === "object" && answer.value !== null ? answer.value : answer;
    return {
      sharingCapability: parseSharingCapability(s.sharingCapability),
      isResharingByExternalUsersEnabled: parseOptionalBoolean(s.isResharingByExternalUsersEnabled),
      isRequireAcceptingUserToMatchInvitedUserEnabled: parseOptionalBoolean(s.isRequireAcceptingUserToMatchInvitedUserEnabled),
      isLegacyAuthProtocolsEnabled: parseOptionalBoolean(s.isLegacyAuthProtocolsEnabled),
      deletedUserPersonalSiteRetentionPeriodInDays: parseRetentionDays(s.deletedUserPersonalSiteRetentionPeriodInDays),
    };
  });
}

/**
 * Every site collection across geographies, OneDrive personal sites included, in one paged
 * listing; each site also goes to `found` as its page arrives.
 */
export function listSites(caller: GraphCaller, found: (site: SiteSummary) => void = () => {}): Promise<Fact<SiteSummary[]>> {
  return caller.fact("ListSites", () =>
    caller.list("ListSites", "/sites/getAllSites?$select=id,name,displayName,webUrl,isPersonalSite,siteCollection&$top=999", "tenant", (s: GraphSite) => {
      const site: SiteSummary = {
        id: s.id,
        displayName: s.displayName ?? s.name ?? s.webUrl ?? s.id,
        webUrl: s.webUrl ?? "",
        personal: s.isPersonalSite ?? /-my\.sharepoint\.[a-z.]+\/personal\//.test(s.webUrl ?? ""),
        dataLocationCode: s.siteCollection?.dataLocationCode ?? null,
      };
      found(site);
      return site;
    }));
}

interface GraphSettings {
  sharingCapability?: unknown;
  isResharingByExternalUsersEnabled?: unknown;
  isRequireAcceptingUserToMatchInvitedUserEnabled?: unknown;
  isLegacyAuthProtocolsEnabled?: unknown;
  deletedUserPersonalSiteRetentionPeriodInDays?: unknown;
}

interface GraphSite {
  id: string;
  name?: string;
  displayName?: string;
  webUrl?: string;
  isPersonalSite?: boolean;
  siteCollection?: { dataLocationCode?: string };
}
