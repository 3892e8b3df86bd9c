import { describe, expect, it } from "vitest";
import { defineCheck, eachResource, errorReason, runCheck, unreachableReason } from "../../checks/framework.ts";
import { collected, failed, value, type Fact } from "../../providers/fact.ts";
import { awsContext } from "../support/aws-checks.ts";

interface Facts { items: Fact<{ name: string; detail: Fact<boolean> }[]>; extra: Fact<number> }
const meta = {
  id: "test.thing.ok", provider: "aws" as const, service: "thing", severity: "high" as const, ipaItems: [8 as const],
  title: { ja: "t", en: "t" }, detail: { ja: "d", en: "d" },
  remediation: { steps: { ja: "s", en: "s" }, consolePath: { ja: "c", en: "c" } },
};
const denied = { operation: "GetThing", permission: "thing:Get", code: "AccessDenied", message: "no" };

const perItem = defineCheck<Facts>()({
  meta,
  needs: ["items"],
  run: ({ items }) => eachResource(items, (i) => ({ uid: i.name, name: i.name, type: "Thing" }),
    (i) => ({ status: value(i.detail) ? "pass" : "fail" })),
});

describe("the check framework", () => {
  it("makes the whole check error, naming the permission, when a needed fact failed", () => {
    const results = runCheck(perItem, { items: failed(denied), extra: collected(1) }, awsContext());
    expect(results).toEqual([expect.objectContaining({ status: "error", cause: denied })]);
    expect(results[0]!.reason!.en).toBe("GetThing was denied: the read-only role needs thing:Get.");
  });

  it("fails one resource closed when its own fact failed, and judges the others", () => {
    const facts: Facts = {
      items: collected([{ name: "a", detail: collected(true) }, { name: "b", detail: failed(denied) }, { name: "c", detail: collected(false) }]),
      extra: collected(1),
    };
    expect(runCheck(perItem, facts, awsContext()).map((r) => r.status)).toEqual(["pass", "error", "fail"]);
  });

  it("turns a bug in a check into error, never pass", () => {
    const buggy = defineCheck<Facts>()({ meta, needs: ["extra"], run: () => { throw new Error("boom"); } });
    const [r] = runCheck(buggy, { items: collected([]), extra: collected(1) }, awsContext());
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain("boom");
  });

  it("turns a failed fact read outside eachResource into error for the check", () => {
    const careless = defineCheck<Facts>()({ meta, needs: [], uses: ["extra"], run: ({ extra }) => [{ status: value(extra) > 0 ? "pass" : "fail", resource: awsContext().tenantResource }] });
    expect(runCheck(careless, { items: collected([]), extra: failed(denied) }, awsContext())[0]!.status).toBe("error");
  });

  it("treats a fact the collector never gathered as error", () => {
    const facts = { items: collected([{ name: "a", detail: undefined as unknown as Fact<boolean> }]), extra: collected(1) };
    expect(runCheck(perItem, facts, awsContext())[0]!.status).toBe("error");
  });
});

describe("a check that found nothing to judge", () => {
  // Judges each item, and reads `extra` only for an item that asks for it.
  const listing = defineCheck<Facts>()({
    meta,
    needs: ["items"],
    uses: ["extra"],
    run: ({ items, extra }) => eachResource(items, (i) => ({ uid: i.name, name: i.name, type: "Thing" }),
      (i) => ({ status: value(i.detail) && value(extra) > 0 ? "pass" : "fail" })),
  });

  it("passes, saying it checked and there are none, when the listing and every fact it reads were collected", () => {
    const [r, ...rest] = runCheck(listing, { items: collected([]), extra: collected(1) }, awsContext());
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ status: "pass", resource: awsContext().tenantResource });
    expect(r!.message).toEqual({ ja: "確認しました: 対象はありません。", en: "Checked: there are none." });
  });

  it("reports error, not pass, naming the permission, when a fact it uses failed and the listing came back empty", () => {
    const results = runCheck(listing, { items: collected([]), extra: failed(denied) }, awsContext());
    expect(results).toEqual([expect.objectContaining({ status: "error", cause: denied })]);
    expect(results[0]!.reason!.en).toBe("GetThing was denied: the read-only role needs thing:Get.");
  });

  it("reports error, not pass, when a fact it uses was never gathered and the listing came back empty", () => {
    const facts = { items: collected([]), extra: undefined as unknown as Fact<number> };
    expect(runCheck(listing, facts, awsContext())).toEqual([expect.objectContaining({ status: "error", cause: expect.objectContaining({ code: "NotCollected", operation: "extra" }) })]);
  });

  it("reports error, not pass, when a check with only used facts returns nothing and one of them failed", () => {
    const usesOnly = defineCheck<Facts>()({ meta, needs: [], uses: ["items", "extra"], run: () => [] });
    expect(runCheck(usesOnly, { items: collected([]), extra: failed(denied) }, awsContext())[0]!.status).toBe("error");
    expect(runCheck(usesOnly, { items: collected([]), extra: collected(0) }, awsContext())[0]!.status).toBe("pass");
  });

  it("keeps the verdicts it did give when a used fact failed: only an empty answer needs every fact", () => {
    const ignoresExtra = defineCheck<Facts>()({
      meta, needs: ["items"], uses: ["extra"],
      run: ({ items }) => eachResource(items, (i) => ({ uid: i.name, name: i.name, type: "Thing" }), () => ({ status: "fail" })),
    });
    const facts: Facts = { items: collected([{ name: "a", detail: collected(true) }]), extra: failed(denied) };
    expect(runCheck(ignoresExtra, facts, awsContext()).map((r) => [r.resource.uid, r.status])).toEqual([["a", "fail"]]);
  });
});

describe("error reasons", () => {
  it("points at the credentials, not a permission, when a call that needs none is refused", () => {
    const reason = errorReason({ operation: "GetCallerIdentity", code: "InvalidClientTokenId", message: "bad token" });
    expect(reason.en).toBe("GetCallerIdentity was refused (InvalidClientTokenId): check that the scanner's credentials are valid.");
    expect(reason.ja).toContain("認証情報");
  });

  it("says a check that could not look was not passed, and a provider that could not be reached only what failed", () => {
    const refused = { operation: "GetCallerIdentity", code: "Error", message: "connect ECONNREFUSED 127.0.0.1:9" };
    expect(errorReason(refused).en).toBe("GetCallerIdentity failed (Error: connect ECONNREFUSED 127.0.0.1:9); not reported as passed because it could not be checked.");
    // Its last verdicts are shown as they were, a pass included: "not passed" would be untrue.
    expect(unreachableReason(refused)).toEqual({
      ja: "GetCallerIdentity に失敗しました（Error: connect ECONNREFUSED 127.0.0.1:9）。",
      en: "GetCallerIdentity failed (Error: connect ECONNREFUSED 127.0.0.1:9).",
    });
    expect(unreachableReason({ ...refused, code: "AccessDenied", permission: "sts:AssumeRole" }).en).toBe("GetCallerIdentity was denied: the read-only role needs sts:AssumeRole.");
  });
});
