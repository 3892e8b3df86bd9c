import { describe, expect, it } from "vitest";
import { defineCheck, eachResource, errorReason, runCheck } from "../../checks/framework.ts";
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

describe("error reasons", () => {
  it("points at the credentials, not a permission, when a call that needs none is refused", () => {
    const reason = errorReason({ operation: "GetCallerIdentity", code: "InvalidClientTokenId", message: "bad token" });
    expect(reason.en).toBe("GetCallerIdentity was refused (InvalidClientTokenId): check that the scanner's credentials are valid.");
    expect(reason.ja).toContain("認証情報");
  });
});
