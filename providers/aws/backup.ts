import {
  GetBackupSelectionCommand, ListBackupPlansCommand, ListBackupSelectionsCommand, ListProtectedResourcesCommand,
} from "@aws-sdk/client-backup";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import type { BackupSelection, RegionBackup } from "./facts.ts";

/** AWS Backup is regional: plans, what they select, and what already has a recovery point. */
export function getRegionBackup(caller: AwsCaller, clients: AwsClients, region: string): Promise<Fact<RegionBackup>> {
  const backup = clients.backup(region);
  return caller.fact("ListBackupPlans", async () => {
    const plans: RegionBackup["plans"] = [];
    let token: string | undefined;
    do {
      const page = await caller.call("ListBackupPlans", () => backup.send(new ListBackupPlansCommand({ NextToken: token })));
      for (const p of page.BackupPlansList ?? []) {
        if (p.BackupPlanId) plans.push({ id: p.BackupPlanId, name: p.BackupPlanName ?? p.BackupPlanId });
      }
      token = page.NextToken;
    } while (token);

    const [selections, protectedResourceArns] = await Promise.all([
      Promise.all(plans.map((plan) => planSelections(caller, clients, region, plan.id))).then((s) => s.flat()),
      protectedResources(caller, clients, region),
    ]);
    return { region, plans, selections, protectedResourceArns };
  });
}

async function planSelections(caller: AwsCaller, clients: AwsClients, region: string, planId: string): Promise<BackupSelection[]> {
  const backup = clients.backup(region);
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await caller.call("ListBackupSelections", () =>
      backup.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, NextToken: token })));
    ids.push(...(page.BackupSelectionsList ?? []).flatMap((s) => (s.SelectionId ? [s.SelectionId] : [])));
    token = page.NextToken;
  } while (token);

  return Promise.all(ids.map(async (selectionId) => {
    const out = await caller.call("GetBackupSelection", () =>
      backup.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId })));
    const s = out.BackupSelection;
    const tags = [
      ...(s?.ListOfTags ?? []).map((t) => ({ key: t.ConditionKey ?? "", value: t.ConditionValue ?? "" })),
      ...(s?.Conditions?.StringEquals ?? []).map((c) => ({
        key: (c.ConditionKey ?? "").replace(/^aws:ResourceTag\//, ""),
        value: c.ConditionValue ?? "",
      })),
    ].filter((t) => t.key !== "");
    return {
      planId,
      selectionId,
      name: s?.SelectionName ?? selectionId,
      resources: s?.Resources ?? [],
      notResources: s?.NotResources ?? [],
      tags,
    };
  }));
}

async function protectedResources(caller: AwsCaller, clients: AwsClients, region: string): Promise<string[]> {
  const backup = clients.backup(region);
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const page = await caller.call("ListProtectedResources", () =>
      backup.send(new ListProtectedResourcesCommand({ NextToken: token })));
    arns.push(...(page.Results ?? []).flatMap((r) => (r.ResourceArn ? [r.ResourceArn] : [])));
    token = page.NextToken;
  } while (token);
  return arns;
}
