import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsCaller } from "../../../providers/aws/caller.ts";
import { AwsClients, DEFAULT_TUNING } from "../../../providers/aws/clients.ts";
import { RegionalClients } from "../../../providers/aws/regional-clients.ts";
import { getEnabledRegions, usableRegions } from "../../../providers/aws/regions.ts";
import { ServiceConcurrency } from "../../../providers/aws/service-concurrency.ts";
import { motoAvailable, startMoto, type Moto } from "../../support/moto.ts";
import { SEED_CREDENTIALS } from "../../support/seed-moto.ts";

/** The regions of the `aws` partition moto 5.2.1 lists as needing no opt-in. */
const MOTO_USABLE = [
  "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
  "ap-southeast-3", "ca-central-1", "eu-central-1", "eu-north-1", "eu-south-1", "eu-west-1", "eu-west-2", "eu-west-3",
  "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];

describe.skipIf(!motoAvailable())("the regions a scan reads, against moto_server (which lists 38)", () => {
  let moto: Moto;
  beforeAll(async () => { moto = await startMoto(); });
  afterAll(async () => { await moto?.stop(); });

  it("reads the enabled regions of the account's partition, not the disabled ones nor China's and GovCloud's", async () => {
    const limits = new ServiceConcurrency();
    const clients = new AwsClients({ region: "ap-northeast-1", endpoint: moto.endpoint }, SEED_CREDENTIALS, { ...DEFAULT_TUNING, maxAttempts: 1 }, limits);
    try {
      const caller = new AwsCaller(limits, DEFAULT_TUNING.operationBudgetMs);
      const enabled = await getEnabledRegions(caller, new RegionalClients(clients), "ap-northeast-1", "aws");
      expect(enabled).toEqual({ ok: true, value: MOTO_USABLE });
      expect(caller.apiCalls).toEqual({ DescribeRegions: 1 });
    } finally {
      clients.destroy();
    }
  });
});

describe("which listed regions a scan can read (usableRegions)", () => {
  it("leaves out a region that is not opted in: disabling it removes all access to what is there", () => {
    expect(usableRegions([
      { RegionName: "ap-northeast-1", OptInStatus: "opt-in-not-required" },
      { RegionName: "ap-east-1", OptInStatus: "opted-in" },
      { RegionName: "me-south-1", OptInStatus: "not-opted-in" },
    ], "aws")).toEqual(["ap-northeast-1", "ap-east-1"]);
  });

  it("keeps a region whose opt-in status is absent or unknown: it is scanned, and fails as an error if it cannot be read", () => {
    expect(usableRegions([
      { RegionName: "eu-west-1" },
      { RegionName: "mx-central-1", OptInStatus: "opting-in" },
    ], "aws")).toEqual(["eu-west-1", "mx-central-1"]);
  });

  it("keeps only the account's partition, and a region code no partition claims counts as aws, never dropped there", () => {
    const listed = ["us-east-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "eusc-de-east-1", "xy-new-1"].map((RegionName) => ({ RegionName }));
    expect(usableRegions(listed, "aws")).toEqual(["us-east-1", "xy-new-1"]);
    expect(usableRegions(listed, "aws-cn")).toEqual(["cn-north-1"]);
    expect(usableRegions(listed, "aws-us-gov")).toEqual(["us-gov-west-1"]);
  });
});
