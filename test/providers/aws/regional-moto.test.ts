import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateSnapshotCommand, CreateVolumeCommand, EC2Client, EnableEbsEncryptionByDefaultCommand, ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand, RegisterImageCommand,
} from "@aws-sdk/client-ec2";
import { CreateFileSystemCommand, EFSClient } from "@aws-sdk/client-efs";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { CreateDBInstanceCommand, CreateDBSnapshotCommand, ModifyDBSnapshotAttributeCommand, RDSClient } from "@aws-sdk/client-rds";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectAwsFacts, type AwsCollection } from "../../../providers/aws/collect.ts";
import { regionsInUseOf } from "../../../providers/aws/region-use.ts";
import { runAwsChecks } from "../../support/aws-checks.ts";
import { motoAvailable, startMoto, type Moto } from "../../support/moto.ts";
import { SEED_CREDENTIALS } from "../../support/seed-moto.ts";

const TOKYO = "ap-northeast-1";
const OSAKA = "ap-northeast-3";

/**
 * The truth seeded through the SDK into moto_server, then scanned. moto 5.2.1 implements
 * everything these checks read except GetSnapshotBlockPublicAccessState and
 * GetImageBlockPublicAccessState: against moto those two checks are `error` (never pass), and
 * the simulator's contract (regional-simulator.test.ts) covers their pass and fail.
 */
describe.skipIf(!motoAvailable())("regions in use, public sharing and regional settings against moto_server", () => {
  let moto: Moto;
  let collection: AwsCollection;
  let results: ReturnType<typeof runAwsChecks>;
  const seeded: { publicSnapshot?: string; privateSnapshot?: string; publicImage?: string } = {};

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await seed(moto.endpoint, seeded);
    // moto answers for 38 regions and builds each one's backends on first use (about a second
    // each): the config names the few this account uses, as a tenant whose SCP denies the rest would.
    collection = await collectAwsFacts({ region: TOKYO, endpoint: moto.endpoint, regions: [TOKYO, OSAKA, "us-east-1", "eu-west-1"] }, "acme", {
      credentials: SEED_CREDENTIALS, reportPollDelaysMs: [50, 100, 200, 400], tuning: { maxAttempts: 2 },
    });
    results = runAwsChecks(collection.facts);
  });
  afterAll(async () => { await moto?.stop(); });

  const statuses = (id: string) => results[id]!.map((r) => [r.resource.type === "AWS::Region" ? r.resource.region : r.resource.name, r.status]);

  it("finds the regions in use: a disk and a database in Tokyo, a disk in Osaka, a DynamoDB table in us-east-1", () => {
    const regions = collection.facts.regionsInUse;
    if (!regions.ok) throw new Error(`regions not collected: ${regions.error.code}`);
    expect(regionsInUseOf(regions.value)).toEqual({ inUse: [TOKYO, OSAKA, "us-east-1"].sort(), unknown: {} });
    const tokyo = regions.value.regions[TOKYO];
    expect(tokyo?.ok && tokyo.value.stores.map((s) => s.kind).sort()).toEqual(["ebs-volume", "efs-file-system", "rds-instance"]);
  });

  it("fails the EBS snapshot shared with all, and only that one (moto ignores the owner and restorable-by filters; the attribute decides)", () => {
    const snapshots = results["aws.ec2.snapshot_public"]!;
    expect(snapshots.map((r) => r.status)).toEqual(["fail"]);
    expect(snapshots[0]!.resource.uid).toContain(seeded.publicSnapshot!);
  });

  it("fails the public AMI and the RDS snapshot whose restore attribute is all", () => {
    expect(results["aws.ec2.image_public"]!.map((r) => [r.resource.uid.split("/").at(-1), r.status])).toEqual([[seeded.publicImage, "fail"]]);
    expect(statuses("aws.rds.snapshot_public")).toEqual([["acme-orders-shared", "fail"]]);
  });

  it("fails the table outside the allowed regions and passes the stores in Tokyo and Osaka", () => {
    expect(statuses("aws.data.store_region")).toEqual([[TOKYO, "pass"], [OSAKA, "pass"], ["us-east-1", "fail"]]);
  });

  it("judges EBS encryption by default and GuardDuty in each region in use", () => {
    expect(statuses("aws.ec2.ebs_encryption_by_default")).toEqual([[TOKYO, "pass"], [OSAKA, "fail"], ["us-east-1", "fail"]]);
    expect(statuses("aws.guardduty.enabled")).toEqual([[TOKYO, "pass"], [OSAKA, "fail"], ["us-east-1", "fail"]]);
  });

  it("reports the block-public-access settings as error, not pass: moto does not implement them", () => {
    for (const id of ["aws.ec2.snapshot_block_public_access", "aws.ec2.image_block_public_access"]) {
      expect(results[id]!.map((r) => r.status), id).toEqual(["error", "error", "error"]);
    }
  });
});

async function seed(endpoint: string, seeded: { publicSnapshot?: string; privateSnapshot?: string; publicImage?: string }): Promise<void> {
  const base = (region: string) => ({ endpoint, region, credentials: SEED_CREDENTIALS });
  const ec2 = new EC2Client(base(TOKYO));
  const osaka = new EC2Client(base(OSAKA));
  const rds = new RDSClient(base(TOKYO));
  try {
    const disk = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${TOKYO}a`, Size: 8 }));
    const shared = await ec2.send(new CreateSnapshotCommand({ VolumeId: disk.VolumeId!, Description: "handed to the agency" }));
    await ec2.send(new ModifySnapshotAttributeCommand({
      SnapshotId: shared.SnapshotId!, Attribute: "createVolumePermission", OperationType: "add", GroupNames: ["all"],
    }));
    const kept = await ec2.send(new CreateSnapshotCommand({ VolumeId: disk.VolumeId! }));
    seeded.publicSnapshot = shared.SnapshotId;
    seeded.privateSnapshot = kept.SnapshotId;
    const image = await ec2.send(new RegisterImageCommand({ Name: "acme-web", RootDeviceName: "/dev/xvda" }));
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: image.ImageId!, LaunchPermission: { Add: [{ Group: "all" }] } }));
    await ec2.send(new RegisterImageCommand({ Name: "acme-batch", RootDeviceName: "/dev/xvda" }));
    seeded.publicImage = image.ImageId;
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    await osaka.send(new CreateVolumeCommand({ AvailabilityZone: `${OSAKA}a`, Size: 8 }));

    await rds.send(new CreateDBInstanceCommand({
      DBInstanceIdentifier: "acme-orders", Engine: "postgres", DBInstanceClass: "db.t4g.micro", AllocatedStorage: 20,
      MasterUsername: "acme", MasterUserPassword: "not-a-real-password-1",
    }));
    await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: "acme-orders", DBSnapshotIdentifier: "acme-orders-shared" }));
    await rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: "acme-orders-shared", AttributeName: "restore", ValuesToAdd: ["all"] }));
    await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: "acme-orders", DBSnapshotIdentifier: "acme-orders-private" }));

    await new EFSClient(base(TOKYO)).send(new CreateFileSystemCommand({ CreationToken: "acme-share" }));
    await new DynamoDBClient(base("us-east-1")).send(new CreateTableCommand({
      TableName: "acme-sessions", BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }], KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    }));
    await new GuardDutyClient(base(TOKYO)).send(new CreateDetectorCommand({ Enable: true }));
    await new GuardDutyClient(base(OSAKA)).send(new CreateDetectorCommand({ Enable: false }));
  } finally {
    ec2.destroy();
    osaka.destroy();
    rds.destroy();
  }
}
