import { describe, expect, it } from "vitest";
import { isOpen } from "../../../providers/google/facts.ts";
import {
  drivePublicLinksBlocked, jsonBody, linkAccess, MalformedResponse, NEVER_SIGNED_IN, parseAlert, parseDlpRule, parseDriveSharing, parseLabel, parseLicence,
  parseOrgUnit, parseSwitches, parseUser, roleRank, searchComplete, UnreadableBody,
} from "../../../providers/google/parse.ts";

/** The raw values the simulator cannot send in every shape: each sentinel of docs/sentinels.md, read alone. */
const USER = {
  id: "1", primaryEmail: "a@acme.example", isAdmin: false, isDelegatedAdmin: false, isEnrolledIn2Sv: true, isEnforcedIn2Sv: true,
  suspended: false, archived: false, lastLoginTime: "2026-11-01T09:00:00.000Z", creationTime: "2024-01-01T00:00:00.000Z", orgUnitPath: "/",
};

describe("parseUser", () => {
  it("reads lastLoginTime 1970-01-01T00:00:00.000Z as never signed in (null), and a real date as itself", () => {
    expect(parseUser({ ...USER, lastLoginTime: NEVER_SIGNED_IN }).lastLoginTime).toBeNull();
    expect(parseUser(USER).lastLoginTime).toBe("2026-11-01T09:00:00.000Z");
  });

  it("refuses a date that is not RFC 3339 rather than reading it as none", () => {
    expect(() => parseUser({ ...USER, creationTime: "2024-01-01" })).toThrow(MalformedResponse);
    expect(() => parseUser({ ...USER, lastLoginTime: "" })).toThrow('users.list returned user a@acme.example with lastLoginTime ""');
  });

  it("refuses a null boolean as it refuses an absent one", () => {
    expect(() => parseUser({ ...USER, isAdmin: null })).toThrow("users.list returned user a@acme.example without isAdmin");
  });

  it("refuses a user without orgUnitPath rather than placing it at the top level", () => {
    expect(() => parseUser({ ...USER, orgUnitPath: undefined })).toThrow("without orgUnitPath");
  });
});

describe("linkAccess", () => {
  it("counts an anyone permission without allowFileDiscovery as findable, the worst case", () => {
    expect(linkAccess([{ type: "anyone", role: "reader" }])).toEqual({ visibility: "anyoneCanFind", role: "reader" });
    expect(linkAccess([{ type: "anyone", role: "reader", allowFileDiscovery: false }])).toEqual({ visibility: "anyoneWithLink", role: "reader" });
  });

  it("takes an absent role as unknown and a new role as stronger than every documented one", () => {
    expect(linkAccess([{ type: "anyone", allowFileDiscovery: false }])).toEqual({ visibility: "anyoneWithLink", role: "unknown" });
    expect(linkAccess([{ type: "anyone", role: "writer", allowFileDiscovery: false }, { type: "anyone", role: "coOwner", allowFileDiscovery: false }])!.role).toBe("coOwner");
    expect(roleRank("coOwner")).toBeGreaterThan(roleRank("owner"));
  });

  it("reports a permission without a type as possibly public, and none for people and the company", () => {
    expect(linkAccess([{ role: "reader" }])).toEqual({ visibility: "unrecognised", role: "reader", grantee: "absent" });
    expect(linkAccess([{ type: "user", role: "writer" }, { type: "domain", role: "reader", allowFileDiscovery: true }])).toBeUndefined();
  });
});

describe("Drive listings", () => {
  it("searches a shared drive whose restrictions are absent, since links may reach outside", () => {
    expect(drivePublicLinksBlocked({ id: "0A" })).toBe(false);
    expect(drivePublicLinksBlocked({ id: "0A", restrictions: { domainUsersOnly: true } })).toBe(true);
  });

  it("takes an absent incompleteSearch as incomplete", () => {
    expect(() => searchComplete({ files: [] })).toThrow("files.list answered with incompleteSearch: absent");
    expect(() => searchComplete({ incompleteSearch: true })).toThrow(MalformedResponse);
    expect(() => searchComplete({ incompleteSearch: false })).not.toThrow();
  });
});

describe("the Policy API and the org units", () => {
  it("keeps what a sharing policy leaves out absent (inherited), and refuses an unknown mode or a mistyped field", () => {
    expect(parseDriveSharing({ allowPublishingFiles: false }, "x")).toEqual({ ok: true, value: { allowPublishingFiles: false } });
    expect(parseDriveSharing({ externalSharingMode: "EXTERNAL_SHARING_MODE_UNSPECIFIED" }, "x").ok).toBe(false);
    expect(parseDriveSharing({ warnForExternalSharing: 1 }, "x")).toMatchObject({ ok: false, error: { code: "UnrecognisedValue", message: "x: warnForExternalSharing 1 is not a boolean" } });
  });

  it("names an org unit as the Policy API does", () => {
    expect(parseOrgUnit({ orgUnitId: "id:03ph8a2z0example", orgUnitPath: "/" })).toEqual({ id: "orgUnits/03ph8a2z0example", path: "/" });
    expect(() => parseOrgUnit({ orgUnitPath: "/" })).toThrow(MalformedResponse);
  });
});

describe("jsonBody", () => {
  it("refuses the string gaxios hands over for a body that did not parse, as a retryable error", () => {
    expect(() => jsonBody('{"users":[{"id":"1"', "https://admin.googleapis.com/admin/directory/v1/users")).toThrow(UnreadableBody);
    expect(jsonBody({ users: [] }, "https://x.example/")).toEqual({ users: [] });
  });
});

describe("the Alert Center, License Manager and Drive Labels answers", () => {
  const ALERT = { alertId: "a1", type: "Suspicious login", source: "Google identity", createTime: "2026-11-20T01:02:03.456Z", metadata: { status: "NOT_STARTED", severity: "HIGH" } };

  it("reads Alert Center's empty severity as undetermined and an absent status as open (UNSPECIFIED), never closed", () => {
    expect(parseAlert({ ...ALERT, metadata: { severity: "" } })).toMatchObject({ severity: "UNDETERMINED", status: "UNSPECIFIED" });
    expect(parseAlert({ ...ALERT, metadata: undefined })).toMatchObject({ severity: "UNDETERMINED", status: "UNSPECIFIED" });
    expect(isOpen(parseAlert({ ...ALERT, metadata: { status: "ESCALATED" } })!)).toBe(true);
    expect(isOpen(parseAlert({ ...ALERT, metadata: { status: "CLOSED" } })!)).toBe(false);
  });

  it("leaves out an alert marked for deletion, and refuses one without id or a readable createTime", () => {
    expect(parseAlert({ ...ALERT, deleted: true })).toBeUndefined();
    expect(() => parseAlert({ ...ALERT, alertId: "" })).toThrow(MalformedResponse);
    expect(() => parseAlert({ ...ALERT, createTime: undefined })).toThrow("alerts.list returned alert a1 with createTime absent");
  });

  it("reads a recovery e-mail or phone as set only when it is a non-empty string (absent or cleared is not set)", () => {
    expect(parseUser({ ...USER, recoveryEmail: "a@example.net" })).toMatchObject({ hasRecoveryEmail: true, hasRecoveryPhone: false });
    expect(parseUser({ ...USER, recoveryEmail: "", recoveryPhone: "+819000000000" })).toMatchObject({ hasRecoveryEmail: false, hasRecoveryPhone: true });
    expect(() => parseUser({ ...USER, recoveryPhone: 81 as unknown as string })).toThrow(MalformedResponse);
  });

  it("refuses a licence without user or SKU, and names a SKU without a name by its id", () => {
    expect(() => parseLicence({ userId: "a@acme.example" })).toThrow(MalformedResponse);
    expect(parseLicence({ userId: "a@acme.example", skuId: "1010020028", skuName: "" })).toEqual({ email: "a@acme.example", skuId: "1010020028", skuName: "1010020028" });
  });

  it("refuses a label without a lifecycle state rather than taking it as published or not", () => {
    expect(() => parseLabel({ id: "l1", lifecycle: {} })).toThrow(MalformedResponse);
    expect(parseLabel({ id: "l1", lifecycle: { state: "PUBLISHED" } })).toEqual({ id: "l1", title: "l1", labelType: "unknown", state: "PUBLISHED" });
  });

  it("reads the protection switches as booleans only, an absent one as not set here, and a DLP rule without state as not active", () => {
    expect(parseSwitches("gmail.links_and_external_images", { enableShortenerScanning: false, other: "x" }, "w")).toEqual({ ok: true, value: { enableShortenerScanning: false } });
    expect(parseSwitches("security.less_secure_apps", { allowLessSecureApps: "true" }, "w").ok).toBe(false);
    expect(parseDlpRule({ displayName: "PII" })).toEqual({ displayName: "PII", state: "UNSPECIFIED" });
  });
});
