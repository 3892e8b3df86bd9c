import {
  GetBackupSelectionCommand, ListBackupPlansCommand, ListBackupSelectionsCommand, ListProtectedResourcesCommand,
  type Condition, type ConditionParameter,
} from "@aws-sdk/client-backup";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import type { BackupCondition, BackupPlanSummary, BackupSelection, RegionBackup } from "./facts.ts";
import { backupTime, UnreadableValue } from "./parse.ts";

/** AWS Backup is regional. The plans alone: all that aws.backup.plan_exists reads. */
export function getRegionBackupPlans(caller: AwsCaller, clients: AwsClients, region: string): Promise<Fact<BackupPlanSummary[]>> {
  const backup = clients.backup(region);
  return caller.fact("ListBackupPlans", async () => {
    const plans: BackupPlanSummary[] = [];
    let token: string | undefined;
    do {
      const page = await caller.call("ListBackupPlans", (abortSignal) => backup.send(new ListBackupPlansCommand({ NextToken: token }), { abortSignal }));
      for (const p of page.BackupPlansList ?? []) {
        if (p.BackupPlanId) plans.push({ id: p.BackupPlanId, name: p.BackupPlanName ?? p.BackupPlanId });
      }
      token = page.NextToken;
    } while (token);
    return plans;
  });
}

/** What the region's plans select, and what already has recovery points (and how recent). */
export async function getRegionBackup(caller: AwsCaller, clients: AwsClients, region: string, plans: Fact<BackupPlanSummary[]>): Promise<Fact<RegionBackup>> {
  if (!plans.ok) return plans;
  return caller.fact("GetBackupSelection", async () => {
    const [selections, recoveryPoints] = await Promise.all([
      Promise.all(plans.value.map((plan) => planSelections(caller, clients, region, plan.id))).then((s) => s.flat()),
      protectedResources(caller, clients, region),
    ]);
    return { region, plans: plans.value, selections, recoveryPoints };
  });
}

async function planSelections(caller: AwsCaller, clients: AwsClients, region: string, planId: string): Promise<BackupSelection[]> {
  const backup = clients.backup(region);
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await caller.call("ListBackupSelections", (abortSignal) =>
      backup.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, NextToken: token }), { abortSignal }));
    ids.push(...(page.BackupSelectionsList ?? []).flatMap((s) => (s.SelectionId ? [s.SelectionId] : [])));
    token = page.NextToken;
  } while (token);

  return Promise.all(ids.map(async (selectionId) => {
    const out = await caller.call("GetBackupSelection", (abortSignal) =>
      backup.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId }), { abortSignal }));
    const s = out.BackupSelection;
    if (!s) throw new UnreadableValue(`GetBackupSelection returned no selection for ${selectionId}`);
    const conditions: BackupCondition[] = (["StringEquals", "StringNotEquals", "StringLike", "StringNotLike"] as const)
      .flatMap((operator) => (s.Conditions?.[operator] ?? []).map((c) => condition(operator, c)));
    return {
      planId,
      selectionId,
      name: s.SelectionName ?? selectionId,
      resources: s.Resources ?? [],
      notResources: s.NotResources ?? [],
      listOfTags: (s.ListOfTags ?? []).map(listOfTagsEntry),
      conditions,
    };
  }));
}

/** ListOfTags entries are StringEquals only (ConditionType STRINGEQUALS); another type is not documented. */
function listOfTagsEntry(c: Condition): { key: string; value: string } {
  if (c.ConditionType !== "STRINGEQUALS" || !c.ConditionKey || c.ConditionValue === undefined) {
    throw new UnreadableValue(`ListOfTags entry ${JSON.stringify(c)}`);
  }
  return { key: c.ConditionKey.replace(/^aws:ResourceTag\//, ""), value: c.ConditionValue };
}

function condition(operator: BackupCondition["operator"], c: ConditionParameter): BackupCondition {
  if (!c.ConditionKey || c.ConditionValue === undefined) throw new UnreadableValue(`${operator} condition without key or value`);
  return { operator, key: c.ConditionKey.replace(/^aws:ResourceTag\//, ""), value: c.ConditionValue };
}

async function protectedResources(caller: AwsCaller, clients: AwsClients, region: string): Promise<RegionBackup["recoveryPoints"]> {
  const backup = clients.backup(region);
  const points: RegionBackup["recoveryPoints"] = [];
  let token: string | undefined;
  do {
    const page = await caller.call("ListProtectedResources", (abortSignal) =>
      backup.send(new ListProtectedResourcesCommand({ NextToken: token }), { abortSignal }));
    for (const r of page.Results ?? []) {
      if (r.ResourceArn) points.push({ arn: r.ResourceArn, lastBackupTime: backupTime(r.LastBackupTime) });
    }
    token = page.NextToken;
  } while (token);
  return points;
}
