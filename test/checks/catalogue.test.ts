import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/all.ts";
import { IPA_ITEMS } from "../../checks/catalogue.ts";
import { DEFAULT_POLICY, type TenantPolicy } from "../../checks/framework.ts";
import { describeRule, OWNER_RULES } from "../../checks/owner-rules.ts";

/**
 * The catalogue: which of IPA's 15 items each check answers, and why, in one line the owner
 * reads beside the item's question; and the owner's own rules, which make item 4 concrete.
 */

const ITEM_CHECKS = ALL_CHECKS.filter((c) => c.meta.ipaItems.length > 0);

/** `ctx.policy.X` or the owner's policy handed in as a fact (`ownerPolicy.X`): the rules a check's verdict reads. */
async function rulesReadBy(): Promise<Map<string, Set<string>>> {
  const byCheck = new Map<string, Set<string>>();
  for (const provider of ["aws", "microsoft", "google", "site"]) {
    const dir = new URL(`../../checks/${provider}/`, import.meta.url);
    for (const file of (await readdir(dir)).filter((f) => f.endsWith(".ts"))) {
      const source = await readFile(new URL(file, dir), "utf8");
      const id = /\n\s+id: "([^"]+)",/.exec(source)?.[1];
      if (!id) continue;
      byCheck.set(id, new Set([...source.matchAll(/(?:ctx\.policy|ownerPolicy)\.(\w+)/g)].map((m) => m[1]!)));
    }
  }
  return byCheck;
}

describe("the catalogue of checks and IPA items", () => {
  it("gives every check a unique id", () => {
    const ids = ALL_CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(ITEM_CHECKS.map((c) => [c.meta.id, c.meta] as const))("%s says in one line, in Japanese and English, why it answers each of its items", (_id, meta) => {
    const reasons = meta.itemReasons ?? {};
    expect(Object.keys(reasons).map(Number).sort((a, b) => a - b)).toEqual([...meta.ipaItems].sort((a, b) => a - b));
    for (const item of meta.ipaItems) {
      const reason = reasons[item];
      for (const text of [reason?.ja, reason?.en]) {
        expect(text, `item ${item}`).toMatch(/\S/);
        expect(text, `item ${item}`).not.toMatch(/\n/);
      }
      expect(reason!.ja.length, `item ${item} (ja)`).toBeLessThanOrEqual(90);
      expect(reason!.en.length, `item ${item} (en)`).toBeLessThanOrEqual(160);
      // Japanese text in the Japanese line, not an English copy.
      expect(reason!.ja).toMatch(/[\u3040-\u30ff]/);
    }
  });

  it("maps a check to item 4 exactly when it enforces one of the owner's rules", () => {
    for (const { meta } of ALL_CHECKS) {
      expect(meta.ipaItems.includes(4), meta.id).toBe(meta.ownerRule !== undefined);
    }
    expect(ALL_CHECKS.filter((c) => c.meta.ownerRule).length).toBeGreaterThan(0);
  });

  it("names the owner's rule on every check whose verdict reads it, and only the rule it reads", async () => {
    const read = await rulesReadBy();
    for (const { meta } of ALL_CHECKS) {
      const rules = read.get(meta.id);
      expect(rules, `${meta.id}: source found`).toBeDefined();
      expect([...rules!], meta.id).toEqual(meta.ownerRule ? [meta.ownerRule] : []);
    }
  });

  it("maps only to the 15 items, and the online shop's checks to none", () => {
    const numbers = new Set(IPA_ITEMS.map((i) => i.number));
    for (const { meta } of ALL_CHECKS) {
      for (const item of meta.ipaItems) expect(numbers.has(item), meta.id).toBe(true);
      if (meta.group === "ec_site") expect(meta.ipaItems, meta.id).toEqual([]);
    }
  });
});

describe("the owner's rules in words", () => {
  it("names every rule of the config's policy in both languages", () => {
    for (const key of Object.keys(DEFAULT_POLICY) as (keyof TenantPolicy)[]) {
      const { name, value } = describeRule(key, DEFAULT_POLICY);
      for (const text of [name.ja, name.en, value.ja, value.en]) expect(text, key).toMatch(/\S/);
    }
    expect(Object.keys(OWNER_RULES).sort()).toEqual(Object.keys(DEFAULT_POLICY).sort());
  });

  it("says the default values as the owner would: Tokyo and Osaka, days, a range of people, links not used", () => {
    const ja = (key: keyof TenantPolicy, policy: TenantPolicy = DEFAULT_POLICY) => {
      const { name, value } = describeRule(key, policy);
      return `${name.ja}: ${value.ja}`;
    };
    expect(ja("allowedRegions")).toBe("データを置いてよい地域: 東京・大阪");
    expect(describeRule("allowedRegions", DEFAULT_POLICY).value.en).toBe("Tokyo, Osaka");
    expect(ja("accessKeyMaxAgeDays")).toBe("アクセスキーの使用期限: 90 日");
    expect(ja("administrators")).toBe("管理者の人数: 1〜4 人");
    expect(ja("anyoneLinks")).toBe("誰でも開けるリンク: 使わない");
    expect(ja("anyoneLinks", { ...DEFAULT_POLICY, anyoneLinks: "allowed" })).toBe("誰でも開けるリンク: 使ってよい（期限付きに限る）");
    // A region without a Japanese name is shown by its code rather than guessed.
    expect(ja("allowedRegions", { ...DEFAULT_POLICY, allowedRegions: ["ap-northeast-1", "eu-west-1"] })).toBe("データを置いてよい地域: 東京・eu-west-1");
  });
});
