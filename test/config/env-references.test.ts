import { describe, expect, it } from "vitest";
import { unsetEnvReferences } from "../../config/env-references.ts";

describe("unsetEnvReferences", () => {
  const config = {
    tenants: [{
      id: "acme",
      microsoft: { tenantId: "acme.onmicrosoft.com", clientId: "x", clientSecret: { env: "ACME_GRAPH_SECRET" } },
      google: { adminEmail: "a@acme.jp", serviceAccountKey: { file: "/keys/acme.json" } },
      tickets: [{ kind: "redmine", token: { env: "REDMINE_TOKEN" } }],
    }],
  };

  it("names each {env} reference whose variable is not set, at its key path", () => {
    expect(unsetEnvReferences(config, { REDMINE_TOKEN: "set" })).toEqual([{ where: "tenants[0].microsoft.clientSecret", name: "ACME_GRAPH_SECRET" }]);
  });

  it("counts an empty variable as unset, and ignores file and SSM references", () => {
    expect(unsetEnvReferences(config, { ACME_GRAPH_SECRET: "", REDMINE_TOKEN: "t" }).map((r) => r.name)).toEqual(["ACME_GRAPH_SECRET"]);
    expect(unsetEnvReferences(config, { ACME_GRAPH_SECRET: "s", REDMINE_TOKEN: "t" })).toEqual([]);
  });
});
