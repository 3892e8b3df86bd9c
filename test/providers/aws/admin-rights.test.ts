import { describe, expect, it } from "vitest";
import { administratorsOf, grantsEverything, type AuthorizationDetails } from "../../../providers/aws/admin-rights.ts";
import { parsePolicyDocument } from "../../../providers/aws/parse.ts";

const ACCOUNT = "123456789012";
const ADMIN_ACCESS = { name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess" };
const doc = (...Statement: object[]) => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement }));
const STAR = doc({ Effect: "Allow", Action: "*", Resource: "*" });
const READ_ONLY = doc({ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" });
const trust = (principal: unknown) => doc({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" });

const details = (d: Partial<AuthorizationDetails>): AuthorizationDetails => ({ users: [], groups: [], roles: [], customerPolicies: new Map(), ...d });
const user = (name: string, o: Partial<AuthorizationDetails["users"][number]> = {}) =>
  ({ name, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, groups: [], attached: [], inline: [], ...o });
const role = (name: string, trustDoc: string, o: Partial<AuthorizationDetails["roles"][number]> = {}) =>
  ({ name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, trust: trustDoc, attached: [], inline: [], ...o });

describe("which statements grant everything", () => {
  it.each([
    ["Action * on *", { Effect: "Allow", Action: "*", Resource: "*" }, true],
    ["Action *:* on *", { Effect: "Allow", Action: ["*:*"], Resource: ["*"] }, true],
    ["with a Condition", { Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }, false],
    ["on one bucket only", { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b" }, false],
    ["a Deny", { Effect: "Deny", Action: "*", Resource: "*" }, false],
    ["s3:* only", { Effect: "Allow", Action: "s3:*", Resource: "*" }, false],
  ])("%s → %s", (_name, statement, expected) => {
    expect(grantsEverything(parsePolicyDocument(JSON.stringify({ Statement: [statement] })))).toBe(expected);
  });
});

describe("administratorsOf", () => {
  it("names AdministratorAccess through a group, an inline policy, and a customer-managed policy", () => {
    const result = administratorsOf(details({
      users: [
        user("sato", { groups: ["Admins"] }),
        user("kato", { inline: [{ name: "everything", document: STAR }] }),
        user("mori", { attached: [{ name: "FullAccess", arn: `arn:aws:iam::${ACCOUNT}:policy/FullAccess` }] }),
        user("ito", { attached: [{ name: "ReadOnly", arn: `arn:aws:iam::${ACCOUNT}:policy/ReadOnly` }] }),
      ],
      groups: [{ name: "Admins", attached: [ADMIN_ACCESS], inline: [] }],
      customerPolicies: new Map([[`arn:aws:iam::${ACCOUNT}:policy/FullAccess`, STAR], [`arn:aws:iam::${ACCOUNT}:policy/ReadOnly`, READ_ONLY]]),
    }), ACCOUNT, "aws");
    expect(result.users).toEqual([
      { name: "sato", policies: [{ kind: "aws-managed", name: "AdministratorAccess", group: "Admins" }], roles: [] },
      { name: "kato", policies: [{ kind: "inline", name: "everything" }], roles: [] },
      { name: "mori", policies: [{ kind: "customer-managed", name: "FullAccess" }], roles: [] },
    ]);
  });

  it("counts a user named in an admin role's trust, and one allowed sts:AssumeRole on a role that trusts the account", () => {
    const result = administratorsOf(details({
      users: [
        user("abe"),
        user("ueda", { inline: [{ name: "assume", document: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ACCOUNT}:role/Break*` }) }] }),
        user("noda"),
      ],
      roles: [
        role("Ops", trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/abe` }), { inline: [{ name: "all", document: STAR }] }),
        role("BreakGlass", trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), { attached: [ADMIN_ACCESS] }),
        role("OrgAccess", trust({ AWS: "arn:aws:iam::111122223333:root" }), { attached: [ADMIN_ACCESS] }),
        role("Lambda", trust({ Service: "lambda.amazonaws.com" }), { attached: [ADMIN_ACCESS] }),
      ],
    }), ACCOUNT, "aws");
    expect(result.users).toEqual([
      { name: "abe", policies: [], roles: ["Ops"] },
      { name: "ueda", policies: [], roles: ["BreakGlass"] },
    ]);
    expect(result.roles.map((r) => [r.name, r.trustsAccount, r.trustedUsers])).toEqual([
      ["Ops", false, ["abe"]], ["BreakGlass", true, []], ["OrgAccess", false, []], ["Lambda", false, []],
    ]);
  });

  it("throws on a policy it cannot read rather than leaving its holder out", () => {
    expect(() => administratorsOf(details({ users: [user("x", { inline: [{ name: "bad", document: "%7Bnot" }] })] }), ACCOUNT, "aws")).toThrow();
  });
});
