import { describe, expect, it } from "vitest";
import {
  anyoneLinksOff, dateOrNull, issueIsOpen, linkCanEdit, narrowingConditions, parseBackupStatus, parseEnabled, parseGraphDate, parseIsGuest,
  parseIssueClassification, parseLinkScope, parseMailList, parseOptionalBoolean, parsePolicyState, parseRetentionDays, parseScore, parseSharingCapability,
} from "../../../providers/microsoft/parse.ts";

/** One test per row of docs/sentinels.md (Microsoft 365): each sentinel or absent value, and what it becomes. */
describe("Graph values: sentinels and absent fields never read as the good state", () => {
  it("reads .NET DateTime.MinValue (0001-01-01T00:00:00Z) as no date, in every spelling Graph and SharePoint use", () => {
    for (const raw of ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00", "0001-01-01T00:00:00.000Z", "0001-01-01T00:00:00+00:00", "0001-01-01T08:00:00Z"]) {
      expect(parseGraphDate(raw)).toEqual({ kind: "none" });
      expect(dateOrNull(raw)).toBeNull();
    }
  });

  it("reads .NET DateTime.MaxValue (9999-12-31T23:59:59) as no date: never, not a far-off expiry", () => {
    expect(parseGraphDate("9999-12-31T23:59:59.9999999Z")).toEqual({ kind: "none" });
  });

  it("reads null, an absent field and an empty string as no date", () => {
    for (const raw of [null, undefined, ""]) expect(parseGraphDate(raw)).toEqual({ kind: "none" });
  });

  it("keeps a real date, normalised to UTC", () => {
    expect(parseGraphDate("2026-11-27T09:00:00+09:00")).toEqual({ kind: "date", iso: "2026-11-27T00:00:00.000Z" });
  });

  it("reads Graph's plain UTC dates exactly as Date does, days that do not exist and 24:00 included", () => {
    const viaDate = (raw: string) => {
      const ms = Date.parse(raw);
      return Number.isNaN(ms) ? { kind: "invalid", raw } : { kind: "date", iso: new Date(ms).toISOString() };
    };
    const spellings: string[] = [];
    for (const year of ["0000", "1900", "2000", "2024", "2026", "2100"]) {
      for (let month = 0; month <= 13; month++) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          for (const time of ["00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "09:05:07"]) {
            spellings.push(`${date}T${time}Z`, `${date}T${time}.123Z`, `${date}T${time}.1234567Z`, `${date}T${time}+09:00`, `${date}T${time}`);
          }
        }
      }
    }
    for (let i = 0; i < 2000; i++) spellings.push(new Date(Date.UTC(2018, 5, 1) + i * 86_399_917).toISOString().replace(i % 2 ? /\.\d+Z$/ : /$/, i % 2 ? "Z" : ""));
    for (const raw of spellings) expect(parseGraphDate(raw), raw).toEqual(viaDate(raw));
  });

  it("tells a value that is not a date apart, so the caller can fail it instead of reading 'none'", () => {
    expect(parseGraphDate("yesterday")).toEqual({ kind: "invalid", raw: "yesterday" });
    expect(parseGraphDate(42)).toEqual({ kind: "invalid", raw: "42" });
  });

  it("reads an absent or later-added sharingCapability as unknown, which does not rule Anyone links out", () => {
    expect(parseSharingCapability(undefined)).toBe("unknown");
    expect(parseSharingCapability("externalUserAndGuestSharingWithPasscode")).toBe("unknown");
    expect(anyoneLinksOff(parseSharingCapability(undefined))).toBe(false);
    expect(anyoneLinksOff(parseSharingCapability("externalUserSharingOnly"))).toBe(true);
    expect(anyoneLinksOff(parseSharingCapability("externalUserAndGuestSharing"))).toBe(false);
  });

  it("reads an absent SharePoint boolean setting as null, not false or true", () => {
    expect(parseOptionalBoolean(undefined)).toBeNull();
    expect(parseOptionalBoolean("true")).toBeNull();
    expect(parseOptionalBoolean(false)).toBe(false);
  });

  it("knows the four link scopes Graph documents (users and existingAccess included) and nothing else", () => {
    for (const scope of ["anonymous", "organization", "users", "existingAccess"]) expect(parseLinkScope(scope)).toBe(scope);
    expect(parseLinkScope("tenantPartners")).toBe("unknown");
    expect(parseLinkScope(undefined)).toBe("unknown");
  });

  it("judges a link as able to edit for an edit or upload type, any role beyond read, or a type it does not know", () => {
    expect(linkCanEdit("view", ["read"])).toBe(false);
    expect(linkCanEdit("blocksDownload", ["read"])).toBe(false);
    expect(linkCanEdit("edit", ["read"])).toBe(true);
    expect(linkCanEdit("createOnly", ["read"])).toBe(true);
    expect(linkCanEdit("view", ["write"])).toBe(true);
    expect(linkCanEdit("view", ["sp.full control"])).toBe(true);
    expect(linkCanEdit("addressBar", ["read"])).toBe(false);
    expect(linkCanEdit("somethingNew", ["read"])).toBe(true);
    expect(linkCanEdit(undefined, [])).toBe(true);
  });

  it("reads an absent or unknown userType as a member (judged by the stricter member checks), and absent accountEnabled as enabled", () => {
    expect(parseIsGuest(undefined)).toBe(false);
    expect(parseIsGuest("guest")).toBe(true);
    expect(parseEnabled(undefined)).toBe(true);
    expect(parseEnabled(false)).toBe(false);
  });

  it("reads an absent or later-added Backup status as unknown, neither on nor off", () => {
    expect(parseBackupStatus(undefined)).toBe("unknown");
    expect(parseBackupStatus("unknownFutureValue")).toBe("unknown");
    expect(parseBackupStatus("protectionChangeLocked")).toBe("on");
    expect(parseBackupStatus("disabled")).toBe("off");
  });

  it("reads an absent or later-added Conditional Access state as unknown, which enforces nothing", () => {
    expect(parsePolicyState(undefined)).toBe("unknown");
    expect(parsePolicyState("enabledForReportingButNotEnforced")).toBe("enabledForReportingButNotEnforced");
  });

  it("names every condition that limits a Conditional Access policy to some sign-ins, unknown ones included", () => {
    expect(narrowingConditions({ clientAppTypes: ["all"], signInRiskLevels: [], userRiskLevels: [], platforms: null, locations: null, devices: null })).toEqual([]);
    expect(narrowingConditions({ locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } })).toEqual(["locations"]);
    expect(narrowingConditions({ platforms: { includePlatforms: ["all"], excludePlatforms: ["iOS"] } })).toEqual(["device platforms"]);
    expect(narrowingConditions({ clientAppTypes: ["browser", "mobileAppsAndDesktopClients"] })).toEqual(["client apps: browser, mobileAppsAndDesktopClients"]);
    expect(narrowingConditions({ insiderRiskLevels: "elevated", authenticationFlows: { transferMethods: "deviceCodeFlow" } })).toEqual(["insider risk", "authentication flows"]);
    expect(narrowingConditions({ applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] } })).toEqual(["user actions only"]);
    expect(narrowingConditions({ users: { excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: "internalGuest,b2bCollaborationGuest" } } })).toEqual(["excludes guests or external users"]);
    expect(narrowingConditions({ someConditionAddedLater: { mode: "include" } })).toEqual(["condition someConditionAddedLater"]);
  });

  it("reads a OneDrive retention only as a whole number within Microsoft's 30 to 3650 days; absent or outside is null", () => {
    expect([30, 90, 3650].map(parseRetentionDays)).toEqual([30, 90, 3650]);
    expect([undefined, null, 0, 29, 3651, 45.5, "90"].map(parseRetentionDays)).toEqual([null, null, null, null, null, null, null]);
  });

  it("tells an empty list of notification addresses (none set) from one Graph did not send (null: not readable)", () => {
    expect(parseMailList([])).toEqual([]);
    expect(parseMailList(["it@acme.example", " ", 3])).toEqual(["it@acme.example"]);
    expect(parseMailList(null)).toBeNull();
    expect(parseMailList(undefined)).toBeNull();
  });

  it("reads service health classifications in either case, and absent or unknownFutureValue as unknown; only isResolved true closes an issue", () => {
    expect(["Advisory", "advisory", "Incident", "unknownFutureValue", undefined].map(parseIssueClassification)).toEqual(["advisory", "advisory", "incident", "unknown", "unknown"]);
    expect([true, false, undefined, null, "true"].map(issueIsOpen)).toEqual([false, true, true, true, true]);
  });

  it("reads a score only as a finite number", () => {
    expect([387.0, 0, null, undefined, "20", Number.NaN].map(parseScore)).toEqual([387, 0, null, null, null, null]);
  });
});
