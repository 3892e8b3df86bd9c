import { describe, expect, it } from "vitest";
import type { CheckMeta } from "../../checks/framework.ts";
import type { CheckRun } from "../../feed/lifecycle.ts";
import type { Feed, FeedProviderScan } from "../../feed/schema.ts";
import { isHistoryPoint } from "../../feed/history-point.ts";
import { isFeed } from "../../feed/validate.ts";
import { findingChanges } from "../../tickets/events.ts";
import { ACCOUNT, bucket, feedAt, meta, result, run } from "./fixtures.ts";

const PUBLIC = meta("aws.s3.bucket_public", "critical");
const ROOT_MFA = meta("aws.iam.root_mfa", "critical", [7, 9]);
const GUEST_MFA: CheckMeta = { ...meta("microsoft.entra.guest_mfa", "high", [8, 9]), provider: "microsoft", service: "entra" };
const TENANT = { uid: "entra:tenants/example.onmicrosoft.com", name: "Microsoft 365", type: "Microsoft.Entra/Tenant" };
const T1 = "2026-11-01T00:00:00.000Z";
const T2 = "2026-11-02T00:00:00.000Z";
const T3 = "2026-11-03T00:00:00.000Z";
const T4 = "2026-11-04T00:00:00.000Z";

const refused = { operation: "GetCallerIdentity", code: "InvalidClientTokenId", message: "The security token included in the request is invalid." };

function provider(name: FeedProviderScan["provider"], status: FeedProviderScan["status"], at: string, errors: FeedProviderScan["errors"] = []): FeedProviderScan {
  return { provider: name, status, startedAt: at, finishedAt: at, apiCalls: {}, errors };
}

/** AWS as a scan that reached it sees it: one public bucket, one private, root MFA on. */
const awsSeen = (): CheckRun[] => [
  run(PUBLIC, result("fail", bucket("site")), result("pass", bucket("invoices"))),
  run(ROOT_MFA, result("pass", ACCOUNT)),
];
/** AWS as a scan that could not reach it sees it: every check `error` on the fallback resource (scan/scan-steps.ts). */
const awsUnreached = (checks: CheckMeta[] = [PUBLIC, ROOT_MFA]): CheckRun[] => checks.map((m) =>
  run(m, result("error", { uid: "aws:tenant/example-co", name: "AWS (example-co)", type: "AWS::Account" }, { reason: { ja: "拒否", en: "refused" }, cause: refused })));
const microsoftSeen = (): CheckRun[] => [run(GUEST_MFA, result("fail", TENANT))];

function scanAt(at: string, awsRuns: CheckRun[], awsStatus: FeedProviderScan["status"], previous?: Feed): Feed {
  return feedAt(at, [...awsRuns, ...microsoftSeen()], previous, {
    providers: [provider("aws", awsStatus, at, awsStatus === "ok" ? [] : [refused]), provider("microsoft", "ok", at)],
  });
}

const awsFindings = (feed: Feed) => feed.findings.filter((f) => f.provider === "aws");
const providerOf = (feed: Feed, name: string) => feed.scan.providers.find((p) => p.provider === name)!;

describe("a provider the scan could not reach", () => {
  const first = scanAt(T1, awsSeen(), "ok");
  const second = scanAt(T2, awsUnreached(), "unreachable", first);

  it("keeps its last known findings, each marked stale, instead of turning them into errors: unchanged but for new becoming open", () => {
    const strip = ({ stale: _stale, ...rest }: Feed["findings"][number]) => rest;
    expect(awsFindings(second).map(strip)).toEqual(awsFindings(first).map((f) => (f.state === "new" ? { ...f, state: "open" } : f)));
    expect(awsFindings(second).every((f) => f.stale === true)).toBe(true);
    expect(awsFindings(second).map((f) => [f.resource.name, f.status, f.state ?? "-", f.lastSeen])).toEqual(expect.arrayContaining([
      ["site", "fail", "open", T1], ["invoices", "pass", "-", T1], [ACCOUNT.name, "pass", "-", T1],
    ]));
    expect(isFeed(second)).toBe(true);
  });

  it("does not repeat the problem the last scan found as new in summary.new on every round it stays unreachable", () => {
    expect(awsFindings(first).find((f) => f.resource.name === "site")!.state).toBe("new");
    const third = scanAt(T3, awsUnreached(), "unreachable", second);
    for (const feed of [second, third]) expect(awsFindings(feed).filter((f) => f.state === "new")).toEqual([]);
    expect(third.summary.resolved).toBe(0);
  });

  it("resolves nothing and leaves the score where the last scan that saw it put it", () => {
    expect(second.summary.resolved).toBe(0);
    expect(second.summary.score).toBe(first.summary.score);
    expect(second.summary.byStatus).toEqual(first.summary.byStatus);
    expect(second.items).toEqual(first.items);
  });

  it("says since when it could not be scanned and why, and judges the providers it could reach as usual", () => {
    expect(providerOf(second, "aws")).toMatchObject({ status: "unreachable", stale: { since: T1 } });
    expect(providerOf(second, "aws").stale!.reason.en).toMatch(/GetCallerIdentity was refused \(InvalidClientTokenId\)/);
    expect(providerOf(second, "aws").stale!.reason.ja).toMatch(/認証情報/);
    expect(providerOf(second, "microsoft").stale).toBeUndefined();
    expect(second.findings.find((f) => f.provider === "microsoft")).toMatchObject({ state: "open", lastSeen: T2 });
    expect(second.findings.find((f) => f.provider === "microsoft")!.stale).toBeUndefined();
  });

  it("gives the tickets nothing to close or reopen", () => {
    expect(findingChanges(first.findings, second.findings, T2)).toEqual([]);
  });

  it("keeps the time of the last scan that collected it while it stays unreachable", () => {
    const third = scanAt(T3, awsUnreached(), "unreachable", second);
    expect(providerOf(third, "aws").stale!.since).toBe(T1);
    expect(awsFindings(third)).toEqual(awsFindings(second));
  });

  it("judges it afresh against its last known findings once it is reached again", () => {
    const third = scanAt(T3, awsUnreached(), "unreachable", second);
    const fixed = [run(PUBLIC, result("pass", bucket("site")), result("pass", bucket("invoices"))), run(ROOT_MFA, result("pass", ACCOUNT))];
    const fourth = scanAt(T4, fixed, "ok", third);
    expect(providerOf(fourth, "aws").stale).toBeUndefined();
    expect(awsFindings(fourth).some((f) => f.stale)).toBe(false);
    expect(awsFindings(fourth).find((f) => f.resource.name === "site")).toMatchObject({ status: "pass", state: "resolved", firstSeen: T1, lastSeen: T4 });
    expect(findingChanges(third.findings, fourth.findings, T4).map((c) => c.kind)).toEqual(["resolved"]);
  });

  it("reports error for a check it has no earlier finding of (new since), never pass", () => {
    const newer: CheckMeta = meta("aws.iam.password_policy", "medium", [9]);
    const third = scanAt(T3, awsUnreached([PUBLIC, ROOT_MFA, newer]), "unreachable", first);
    expect(third.findings.filter((f) => f.checkId === newer.id).map((f) => [f.status, f.stale])).toEqual([["error", undefined]]);
    expect(awsFindings(third).filter((f) => f.checkId !== newer.id).every((f) => f.stale)).toBe(true);
    expect(third.items.flatMap((i) => i.checks)).toContain(newer.id);
  });

  it("has nothing to carry on a first scan: its checks are error and it is not marked stale", () => {
    const alone = scanAt(T1, awsUnreached(), "unreachable");
    expect(providerOf(alone, "aws")).toMatchObject({ status: "unreachable" });
    expect(providerOf(alone, "aws").stale).toBeUndefined();
    expect(awsFindings(alone).map((f) => [f.status, f.stale])).toEqual([["error", undefined], ["error", undefined]]);
  });

  it("carries nothing from a scan that could not reach it either: errors are not verdicts", () => {
    const failedFirst = scanAt(T1, awsUnreached(), "unreachable");
    const again = scanAt(T2, awsUnreached(), "unreachable", failedFirst);
    expect(providerOf(again, "aws").stale).toBeUndefined();
    expect(awsFindings(again).every((f) => f.status === "error" && f.lastSeen === T2 && f.stale === undefined)).toBe(true);
  });

  it("carries what a partly successful scan saw, its errors included", () => {
    const partial = scanAt(T1, [run(PUBLIC, result("fail", bucket("site"))), ...awsUnreached([ROOT_MFA])], "partial");
    const next = scanAt(T2, awsUnreached(), "unreachable", partial);
    expect(providerOf(next, "aws").stale!.since).toBe(T1);
    expect(awsFindings(next).map((f) => [f.checkId, f.status, f.stale])).toEqual(expect.arrayContaining([
      [PUBLIC.id, "fail", true], [ROOT_MFA.id, "error", true],
    ]));
  });
});

describe("a provider the round left out (the shop's hourly round leaves out the clouds)", () => {
  const night = scanAt(T1, awsSeen(), "ok");
  // Microsoft only, with AWS configured but not in this round.
  const hourly = feedAt(T2, microsoftSeen(), night, { providers: [provider("microsoft", "ok", T2)], notScanned: ["aws"] });

  it("keeps its entry and findings as the last scan that looked left them: not stale, not resolved, no ticket change", () => {
    expect(isFeed(hourly)).toBe(true);
    expect(providerOf(hourly, "aws")).toEqual({ ...providerOf(night, "aws"), lastScan: { id: night.scan.id, startedAt: T1 } });
    const { state: _state, ...withoutState } = awsFindings(night).find((f) => f.state === "new")!;
    expect(awsFindings(hourly)).toEqual(awsFindings(night).map((f) => (f.state === "new" ? { ...withoutState, state: "open" } : f)));
    expect(awsFindings(hourly).some((f) => f.stale)).toBe(false);
    expect(findingChanges(night.findings, hourly.findings, T2).filter((c) => c.checkId.startsWith("aws."))).toEqual([]);
    expect([...hourly.items.find((i) => i.number === 9)!.checks].sort()).toEqual([...night.items.find((i) => i.number === 9)!.checks].sort());
  });

  it("calls a problem the round that found it called new open in the rounds after it, so summary.new does not repeat it every hour", () => {
    expect(awsFindings(night).filter((f) => f.state === "new").map((f) => f.resource.name)).toEqual(["site"]);
    expect(awsFindings(hourly).map((f) => [f.resource.name, f.status, f.state ?? "-", f.firstSeen, f.lastSeen])).toEqual(expect.arrayContaining([
      ["site", "fail", "open", T1, T1], ["invoices", "pass", "-", T1, T1],
    ]));
    // The night found both problems (AWS's and Microsoft's); the hour after it found none.
    expect(night.summary).toMatchObject({ new: 2, open: 0 });
    expect(hourly.summary).toMatchObject({ new: 0, open: 2, resolved: 0 });
    const later = feedAt(T3, microsoftSeen(), hourly, { providers: [provider("microsoft", "ok", T3)], notScanned: ["aws"] });
    expect(later.summary).toMatchObject({ new: 0, open: 2, resolved: 0 });
  });

  it("does not repeat a fix in summary.resolved in the rounds after the one that saw it fixed", () => {
    const fixedNight = scanAt(T2, [run(PUBLIC, result("pass", bucket("site")), result("pass", bucket("invoices"))), run(ROOT_MFA, result("pass", ACCOUNT))], "ok", night);
    expect(awsFindings(fixedNight).find((f) => f.resource.name === "site")).toMatchObject({ status: "pass", state: "resolved" });
    const nextHour = feedAt(T3, microsoftSeen(), fixedNight, { providers: [provider("microsoft", "ok", T3)], notScanned: ["aws"] });
    expect(awsFindings(nextHour).find((f) => f.resource.name === "site")).toMatchObject({ status: "pass", firstSeen: T1, lastSeen: T2 });
    expect(awsFindings(nextHour).find((f) => f.resource.name === "site")!.state).toBeUndefined();
    expect(nextHour.summary.resolved).toBe(0);
    expect(nextHour.summary.score).toBe(fixedNight.summary.score);
    expect(findingChanges(fixedNight.findings, nextHour.findings, T3)).toEqual([]);
  });

  it("judges the next round that scans it against the carried findings: still failing is open since the first night", () => {
    const nextNight = scanAt(T3, awsSeen(), "ok", hourly);
    expect(awsFindings(nextNight).find((f) => f.resource.name === "site")).toMatchObject({ status: "fail", state: "open", firstSeen: T1, lastSeen: T3 });
    expect(findingChanges(hourly.findings, nextNight.findings, T3).filter((c) => c.checkId.startsWith("aws."))).toEqual([]);
  });

  it("names the last scan that collected it when a later round cannot reach it", () => {
    const unreachable = scanAt(T3, awsUnreached(), "unreachable", hourly);
    expect(providerOf(unreachable, "aws").stale?.since).toBe(T1);
  });

  it("makes a history point of a round that looked at a cloud, not of a shop-only round that carried every cloud", () => {
    const shopOnly = feedAt(T3, [], hourly, { providers: [provider("site", "ok", T3)], notScanned: ["aws", "microsoft"] });
    expect(isHistoryPoint(night)).toBe(true);
    expect(isHistoryPoint(hourly)).toBe(true);
    expect(shopOnly.scan.providers.map((p) => [p.provider, p.lastScan !== undefined])).toEqual(expect.arrayContaining([["aws", true], ["microsoft", true]]));
    expect(isHistoryPoint(shopOnly)).toBe(false);
  });

  it("is absent when no earlier feed scanned it: nothing to carry, nothing invented", () => {
    const first = feedAt(T4, microsoftSeen(), undefined, { providers: [provider("microsoft", "ok", T4)], notScanned: ["aws"] });
    expect(first.scan.providers.map((p) => p.provider)).toEqual(["microsoft"]);
    expect(awsFindings(first)).toEqual([]);
  });
});
