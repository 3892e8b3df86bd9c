import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AWS_OPERATION_PERMISSIONS } from "../../../providers/aws/permissions.ts";
import policy from "../../../providers/aws/readonly-policy.json" with { type: "json" };

const allowed = policy.Statement.flatMap((s) => (s.Effect === "Allow" ? s.Action : []));

describe("the read-only IAM policy in the repository", () => {
  it("allows every operation the AWS provider calls in the customer's account", () => {
    const needed = Object.entries(AWS_OPERATION_PERMISSIONS)
      // AssumeRole is granted to the scanner in its own account; GetCallerIdentity needs no permission.
      .filter(([op, action]) => op !== "AssumeRole" && action !== null)
      .map(([, action]) => action as string);
    expect(needed.filter((a) => !allowed.includes(a))).toEqual([]);
  });

  it("allows nothing the provider does not call", () => {
    const called = new Set(Object.values(AWS_OPERATION_PERMISSIONS));
    expect(allowed.filter((a) => !called.has(a as never))).toEqual([]);
  });

  it("allows only read actions, named one by one, never a wildcard", () => {
    for (const action of allowed) {
      expect(action).not.toContain("*");
      expect(action.split(":")[1]).toMatch(/^(Get|List|Describe|GenerateCredentialReport$)/);
    }
    expect(policy.Statement.every((s) => s.Effect === "Allow")).toBe(true);
  });

  it("is what the README tells the owner to paste, as valid JSON", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const block = /\n### AWS\n[\s\S]*?```json\n([\s\S]*?)\n\s*```/.exec(readme)?.[1];
    expect(block, "README's AWS section has a ```json block").toBeDefined();
    expect(JSON.parse(block!)).toEqual(policy);
  });
});
