import { GetResourcesCommand, paginateGetResources } from "@aws-sdk/client-resource-groups-tagging-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largeAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { awsClients, errorOf } from "./aws-clients.ts";

describe("simulated Resource Groups Tagging API", () => {
  let sim: AwsSimulator;
  beforeAll(async () => { sim = await startAwsSimulator({ account: largeAccount({ buckets: 300, users: 1 }) }); });
  afterAll(async () => { await sim.stop(); });

  it("pages through the region's tagged buckets 100 at a time and ends on an empty token", async () => {
    const { tagging } = awsClients(sim.endpoint);
    const arns: string[] = [];
    let pages = 0;
    for await (const page of paginateGetResources({ client: tagging }, { ResourceTypeFilters: ["s3"], ResourcesPerPage: 100 })) {
      pages++;
      arns.push(...(page.ResourceTagMappingList ?? []).map((r) => r.ResourceARN!));
    }
    const expected = sim.account.buckets.filter((b) => b.region === "ap-northeast-1" && b.tags).map((b) => `arn:aws:s3:::${b.name}`);
    expect(arns.sort()).toEqual(expected.sort());
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 100)));
  });

  it("returns each bucket's tags as Key/Value pairs", async () => {
    const { tagging } = awsClients(sim.endpoint);
    const out = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ["s3"], ResourcesPerPage: 100 }));
    const first = out.ResourceTagMappingList![0]!;
    const model = sim.account.buckets.find((b) => `arn:aws:s3:::${b.name}` === first.ResourceARN)!;
    expect(Object.fromEntries(first.Tags!.map((t) => [t.Key, t.Value]))).toEqual(model.tags);
  });

  it("rejects more than 100 resources a page as the service does", async () => {
    const { tagging } = awsClients(sim.endpoint);
    const err = await errorOf(tagging.send(new GetResourcesCommand({ ResourcesPerPage: 101 })));
    expect(err.name).toBe("InvalidParameterException");
  });
});
