import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../config/load.ts";

const withSites = (sites: unknown) => JSON.stringify({ tenants: [{ id: "example-co", name: "Example Co.", sites }] });

function issues(text: string) {
  try {
    parseConfig(text, "cloud15.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error("the config was accepted");
}

describe("tenants[].sites[]", () => {
  it("accepts a shop's checkout page with admin pages, platform and schedule", () => {
    const config = parseConfig(withSites([{
      url: "https://shop.example.jp/checkout", adminUrls: ["https://shop.example.jp/admin/"], platform: "ec-cube", schedule: "hourly",
    }]), "cloud15.json");
    expect(config.tenants[0]!.sites![0]!.platform).toBe("ec-cube");
  });

  it.each([
    ["plain http", [{ url: "http://shop.example.jp/checkout" }], "tenants[0].sites[0].url", /https address of the payment/],
    ["an unknown platform", [{ url: "https://shop.example.jp/", platform: "shopify-plus" }], "tenants[0].sites[0].platform", /one of "ec-cube"/],
    ["a misspelt key", [{ url: "https://shop.example.jp/", adminUrl: "https://shop.example.jp/admin" }], "tenants[0].sites[0].adminUrl", /no such key.*\(allowed here: url, adminUrls, platform, render, schedule\)/],
    ["an unknown schedule", [{ url: "https://shop.example.jp/", schedule: "every minute" }], "tenants[0].sites[0].schedule", /one of "hourly", "daily", "weekly"/],
    ["an empty list", [], "tenants[0].sites", /pages of the tenant's online shop/],
  ])("reports %s at its key path", (_what, sites, where, expected) => {
    const [issue] = issues(withSites(sites));
    expect(issue!.where).toBe(where);
    expect(issue!.expected).toMatch(expected);
  });

  it("refuses a metadata address, credentials in the address and a page watched twice", () => {
    const found = issues(withSites([
      { url: "https://169.254.169.254/latest/" },
      { url: "https://shop.example.jp/checkout", adminUrls: ["https://user:pw@shop.example.jp/admin"] },
      { url: "https://SHOP.example.jp/checkout" },
    ]));
    expect(found.map((i) => [i.where, i.expected])).toEqual([
      ["tenants[0].sites[0].url", "a shop's address, not a link-local or cloud metadata address"],
      ["tenants[0].sites[1].adminUrls[0]", "a URL without a user name or password"],
      ["tenants[0].sites[2].url", "a page not already watched (tenants[0].sites[1] has it)"],
    ]);
  });
});
