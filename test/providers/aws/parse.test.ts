import { describe, expect, it } from "vitest";
import { parseCredentialReport } from "../../../providers/aws/credential-report.ts";
import {
  aclGrant, backupTime, MalformedPolicy, pabFlag, parsePolicyDocument, replicationRuleEnabled, reportBoolean, reportDate,
  summaryCount, UnreadableValue, versioningStatus,
} from "../../../providers/aws/parse.ts";

/** One test per sentinel in docs/sentinels.md (## AWS), in its order. */
const HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
  "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
  "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
  "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
const ROOT = "<root_account>,arn:aws:iam::123456789012:root,2018-04-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,false," +
  "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
const row = (cells: Record<string, string>) => {
  const base: Record<string, string> = {
    user: "tanaka", arn: "arn:aws:iam::123456789012:user/tanaka", user_creation_time: "2024-01-31T09:00:00+00:00",
    password_enabled: "true", password_last_used: "2026-11-01T09:00:00+00:00", password_last_changed: "2024-01-31T09:00:00+00:00",
    password_next_rotation: "N/A", mfa_active: "true",
    access_key_1_active: "true", access_key_1_last_rotated: "2026-10-01T00:00:00+00:00", access_key_1_last_used_date: "2026-11-20T00:00:00+00:00",
    access_key_1_last_used_region: "ap-northeast-1", access_key_1_last_used_service: "s3",
    access_key_2_active: "false", access_key_2_last_rotated: "N/A", access_key_2_last_used_date: "N/A",
    access_key_2_last_used_region: "N/A", access_key_2_last_used_service: "N/A",
    cert_1_active: "false", cert_1_last_rotated: "N/A", cert_2_active: "false", cert_2_last_rotated: "N/A",
  };
  const merged = { ...base, ...cells };
  return HEADER.split(",").map((c) => merged[c]).join(",");
};
const report = (...rows: string[]) => parseCredentialReport([HEADER, ...rows].join("\n"), "2026-11-27T00:00:00.000Z");

describe("credential report sentinels", () => {
  it("N/A on a key slot means no key; on last_used_date, never used", () => {
    const [u] = report(ROOT, row({ access_key_1_last_used_date: "N/A" })).users;
    expect(u!.accessKeys).toEqual({ ok: true, value: [
      { slot: 1, active: true, lastRotated: "2026-10-01T00:00:00.000Z", lastUsed: null },
      { slot: 2, active: false, lastRotated: null, lastUsed: null },
    ] });
  });

  it("no_information on password_last_used is 'no record', not a date", () => {
    const [u] = report(row({ password_last_used: "no_information" })).users;
    expect(u!.console).toEqual({ ok: true, value: { passwordEnabled: true, passwordLastUsed: null, mfaActive: true } });
  });

  it("not_supported on the root row is read as no date, and the root row is not a user", () => {
    expect(reportDate("not_supported", "password_last_changed")).toBeNull();
    expect(report(ROOT, row({})).users.map((u) => u.user)).toEqual(["tanaka"]);
  });

  it("reads the same users whether or not the <root_account> row is there (moto leaves it out)", () => {
    expect(report(row({})).users).toEqual(report(ROOT, row({})).users);
  });

  it("false/true in either case; any other text fails that user's cell, not the report", () => {
    expect([reportBoolean("TRUE", "mfa_active"), reportBoolean("false", "mfa_active")]).toEqual([true, false]);
    const users = report(row({ user: "kato", mfa_active: "yes" }), row({})).users;
    expect(users[0]!.console).toMatchObject({ ok: false, error: { code: "UnreadableValue", operation: "GetCredentialReport" } });
    expect(users[0]!.console.ok ? "" : users[0]!.console.error.message).toContain("mfa_active");
    expect(users[1]!.console.ok).toBe(true);
  });

  it("an access-key date that does not parse fails that user's keys, never becomes 'no date'", () => {
    const [u] = report(row({ access_key_1_last_rotated: "yesterday" })).users;
    expect(u!.accessKeys.ok).toBe(false);
    expect(u!.accessKeys.ok ? "" : u!.accessKeys.error.message).toContain("access_key_1_last_rotated");
    expect(() => reportDate("2026-13-45T00:00:00+00:00", "c")).toThrow(UnreadableValue);
  });

  it("an active key without a creation date cannot be aged: unreadable", () => {
    expect(report(row({ access_key_1_last_rotated: "N/A" })).users[0]!.accessKeys.ok).toBe(false);
  });

  it("a missing or renamed column fails the whole report, naming the column", () => {
    const csv = [HEADER.replace("password_enabled", "password_active"), row({})].join("\n");
    expect(() => parseCredentialReport(csv, "x")).toThrow(/no column password_enabled/);
  });
});

describe("S3, IAM and Backup values", () => {
  it("versioning: no Status means never enabled; an unknown one is unreadable", () => {
    expect([versioningStatus(undefined), versioningStatus("Enabled"), versioningStatus("Suspended")]).toEqual(["Disabled", "Enabled", "Suspended"]);
    expect(() => versioningStatus("Paused")).toThrow(UnreadableValue);
  });

  it("an absent Block Public Access flag does not block", () => {
    expect([pabFlag(undefined), pabFlag(false), pabFlag(true)]).toEqual([false, false, true]);
  });

  it("an ACL grantee type or permission S3 does not document is unreadable, not dropped", () => {
    expect(aclGrant({ Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" }))
      .toEqual({ granteeType: "Group", grantee: "http://acs.amazonaws.com/groups/global/AllUsers", permission: "READ" });
    expect(() => aclGrant({ Grantee: { Type: "Everyone", URI: "x" }, Permission: "READ" })).toThrow(UnreadableValue);
    expect(() => aclGrant({ Grantee: { Type: "Group" }, Permission: "READ" })).toThrow(UnreadableValue);
  });

  it("a replication rule replicates only when its Status is Enabled", () => {
    expect([replicationRuleEnabled("Enabled"), replicationRuleEnabled("Disabled"), replicationRuleEnabled(undefined)]).toEqual([true, false, false]);
  });

  it("GetAccountSummary: an absent AccountMFAEnabled is unreadable, not 'no MFA' or 'MFA'", () => {
    expect(summaryCount({ AccountMFAEnabled: 1 }, "AccountMFAEnabled")).toBe(1);
    expect(() => summaryCount({}, "AccountMFAEnabled")).toThrow(UnreadableValue);
  });

  it("a recovery point without LastBackupTime has no time, never 'recent'", () => {
    expect(backupTime(undefined)).toBeNull();
    expect(backupTime(new Date("2026-11-01T03:00:00Z"))).toBe("2026-11-01T03:00:00.000Z");
  });

  it("policies: URL-encoded (IAM) and plain (S3) read the same; garbage and a missing Statement are malformed", () => {
    const doc = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } };
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(parsePolicyDocument(JSON.stringify(doc)));
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual([{ effect: "Allow", action: ["*"], notAction: [], resource: ["*"], notResource: [] }]);
    expect(() => parsePolicyDocument("{\"Statement\": [")).toThrow(MalformedPolicy);
    expect(() => parsePolicyDocument("{}")).toThrow(MalformedPolicy);
    expect(() => parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: "Permit", Action: "*" }] }))).toThrow(MalformedPolicy);
  });
});
