import {
  GetBackupSelectionCommand, ListBackupPlansCommand, ListBackupSelectionsCommand, ListProtectedResourcesCommand, paginateListBackupPlans,
  paginateListBackupSelections, paginateListProtectedResources,
} from "@aws-sdk/client-backup";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exampleCoAccount, largeAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { awsClients, errorOf } from "./aws-clients.ts";

let sim: AwsSimulator;
let clients: ReturnType<typeof awsClients>;

beforeAll(async () => {
  sim = await startAwsSimulator({ account: exampleCoAccount() });
  clients = awsClients(sim.endpoint, { maxAttempts: 1 });
});
beforeEach(() => {
  sim.account = exampleCoAccount();
  sim.resetCalls();
});
afterAll(() => sim.stop());

const PLAN_ID = "6f1d3c2a-8b4e-4c1f-9a7d-2e5b0c9d4a11";

describe("AWS Backup", () => {
  it("lists the region's plans, their selections and what each selects", async () => {
    const plans = await clients.backup.send(new ListBackupPlansCommand({}));
    expect(plans.BackupPlansList?.map((p) => [p.BackupPlanId, p.BackupPlanName])).toEqual([[PLAN_ID, "daily-35days"]]);
    expect(plans.BackupPlansList?.[0]?.CreationDate).toBeInstanceOf(Date);

    const selections = await clients.backup.send(new ListBackupSelectionsCommand({ BackupPlanId: PLAN_ID }));
    expect(selections.BackupSelectionsList?.map((s) => s.SelectionName)).toEqual(["invoices", "tagged-daily"]);

    const byArn = await clients.backup.send(new GetBackupSelectionCommand({
      BackupPlanId: PLAN_ID, SelectionId: selections.BackupSelectionsList![0]!.SelectionId!,
    }));
    expect(byArn.BackupSelection?.Resources).toEqual(["arn:aws:s3:::example-co-invoices"]);
    const byTag = await clients.backup.send(new GetBackupSelectionCommand({
      BackupPlanId: PLAN_ID, SelectionId: selections.BackupSelectionsList![1]!.SelectionId!,
    }));
    expect(byTag.BackupSelection?.ListOfTags).toEqual([{ ConditionType: "STRINGEQUALS", ConditionKey: "backup", ConditionValue: "daily" }]);
  });

  it("lists protected resources with NextToken paging", async () => {
    const arns: string[] = [];
    for await (const page of paginateListProtectedResources({ client: clients.backup, pageSize: 1 }, {})) {
      arns.push(...(page.Results ?? []).map((r) => r.ResourceArn!));
    }
    expect(arns).toEqual(["arn:aws:s3:::example-co-invoices", "arn:aws:s3:::example-co-logs"]);
    expect(sim.calls.ListProtectedResources).toBe(2);
  });

  it("pages plans and selections too", async () => {
    sim.account.backup["ap-northeast-1"]!.plans.push(
      { id: "p2", name: "weekly", selections: [] },
      { id: "p3", name: "monthly", selections: [] },
    );
    const names: string[] = [];
    for await (const page of paginateListBackupPlans({ client: clients.backup, pageSize: 2 }, {})) {
      names.push(...(page.BackupPlansList ?? []).map((p) => p.BackupPlanName!));
    }
    expect(names).toEqual(["daily-35days", "weekly", "monthly"]);
    const selections: string[] = [];
    for await (const page of paginateListBackupSelections({ client: clients.backup, pageSize: 1 }, { BackupPlanId: PLAN_ID })) {
      selections.push(...(page.BackupSelectionsList ?? []).map((s) => s.SelectionName!));
    }
    expect(selections).toEqual(["invoices", "tagged-daily"]);
  });

  it("serves each region its own data: nothing configured in Osaka", async () => {
    const osaka = awsClients(sim.endpoint, { region: "ap-northeast-3", maxAttempts: 1 });
    expect((await osaka.backup.send(new ListBackupPlansCommand({}))).BackupPlansList).toEqual([]);
    const large = largeAccount({ buckets: 50, users: 5 });
    sim.account = large;
    const plans = await osaka.backup.send(new ListBackupPlansCommand({}));
    expect(plans.BackupPlansList?.map((p) => p.BackupPlanId)).toEqual(["plan-ap-northeast-3"]);
  });

  it("answers ResourceNotFoundException for an unknown plan or selection", async () => {
    const plan = await errorOf(clients.backup.send(new ListBackupSelectionsCommand({ BackupPlanId: "missing" })));
    expect([plan.name, plan.$metadata?.httpStatusCode]).toEqual(["ResourceNotFoundException", 404]);
    const selection = await errorOf(clients.backup.send(new GetBackupSelectionCommand({ BackupPlanId: PLAN_ID, SelectionId: "missing" })));
    expect(selection.name).toBe("ResourceNotFoundException");
  });

  it("rejects an out-of-range MaxResults", async () => {
    const err = await errorOf(clients.backup.send(new ListBackupPlansCommand({ MaxResults: 5000 })));
    expect(err.name).toBe("InvalidParameterValueException");
  });
});

describe("AWS Backup fault switches", () => {
  it("serves a selection's Conditions under their operators, with the aws:ResourceTag/ prefix", async () => {
    sim.account.backup["ap-northeast-1"]!.plans[0]!.selections = [{
      id: "sel-c", name: "except-false", resources: ["*"], notResources: ["arn:aws:s3:::example-co-website"],
      conditions: [{ operator: "StringNotEquals", key: "backup", value: "false" }, { operator: "StringLike", key: "aws:ResourceTag/env", value: "prod*" }],
    }];
    const out = await clients.backup.send(new GetBackupSelectionCommand({ BackupPlanId: PLAN_ID, SelectionId: "sel-c" }));
    expect(out.BackupSelection?.NotResources).toEqual(["arn:aws:s3:::example-co-website"]);
    expect(out.BackupSelection?.Conditions).toEqual({
      StringEquals: [], StringNotEquals: [{ ConditionKey: "aws:ResourceTag/backup", ConditionValue: "false" }],
      StringLike: [{ ConditionKey: "aws:ResourceTag/env", ConditionValue: "prod*" }], StringNotLike: [],
    });
  });

  it("leaves LastBackupTime out where the model says null, and sends the given time elsewhere", async () => {
    const tokyo = sim.account.backup["ap-northeast-1"]!;
    tokyo.lastBackupTimes = { "arn:aws:s3:::example-co-invoices": null, "arn:aws:s3:::example-co-logs": "2025-01-10T03:00:00Z" };
    const out = await clients.backup.send(new ListProtectedResourcesCommand({}));
    const times = Object.fromEntries((out.Results ?? []).map((r) => [r.ResourceArn, r.LastBackupTime?.toISOString()]));
    expect(times).toEqual({ "arn:aws:s3:::example-co-invoices": undefined, "arn:aws:s3:::example-co-logs": "2025-01-10T03:00:00.000Z" });
  });
});
