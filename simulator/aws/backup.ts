import { accountCreatedAt, type SimAwsAccount, type SimBackupPlan, type SimRegionBackup } from "./model.ts";
import { AwsError, intParam, pageOf, requestId, unsupported, type Route, type SimRequest, type SimResponse, type SimService } from "./wire.ts";

/**
 * AWS Backup over REST-JSON. Data is per region: the region comes from the request's
 * credential scope, as a regional endpoint would imply. Timestamps are epoch seconds.
 */
const EMPTY_REGION: SimRegionBackup = { plans: [], protectedResourceArns: [] };

const invalid = (message: string) => new AwsError(400, "InvalidParameterValueException", message);

export const backupService: SimService = {
  name: "backup",
  route(req, ctx): Route {
    const parts = req.path.split("/").filter((p) => p !== "").map(decodeURIComponent);
    const region = ctx.account.backup[req.region] ?? EMPTY_REGION;
    const account = ctx.account;
    const route = (operation: string, respond: () => SimResponse): Route =>
      ({ operation, permission: `backup:${operation}`, respond });
    if (req.method === "GET") {
      const [first, second, planId, fourth, selectionId, ...rest] = parts;
      if (first === "resources" && second === undefined) {
        return route("ListProtectedResources", () => listProtectedResources(req, region));
      }
      if (first === "backup" && second === "plans" && rest.length === 0) {
        if (planId === undefined) return route("ListBackupPlans", () => listBackupPlans(req, account, region));
        if (fourth === "selections" && selectionId === undefined) {
          return route("ListBackupSelections", () => listBackupSelections(req, account, planOf(region, planId)));
        }
        if (fourth === "selections" && selectionId !== undefined) {
          return route("GetBackupSelection", () => getBackupSelection(account, planOf(region, planId), selectionId));
        }
      }
    }
    return unsupported("backup", `${req.method} ${req.path}`, () =>
      new AwsError(404, "UnknownOperationException", "The requested operation is not supported by the simulator"));
  },
  error(err) {
    return json(err.status, { Code: err.code, Message: err.message, Type: err.status >= 500 ? "Server" : "User" },
      { "x-amzn-errortype": err.code, ...err.headers });
  },
};

function listBackupPlans(req: SimRequest, account: SimAwsAccount, region: SimRegionBackup): SimResponse {
  const page = pageOf(region.plans, req.query.get("nextToken"), maxResults(req), invalid);
  return json(200, {
    BackupPlansList: page.items.map((plan) => ({
      BackupPlanArn: planArn(req.region, account, plan),
      BackupPlanId: plan.id,
      BackupPlanName: plan.name,
      CreationDate: epochSeconds(accountCreatedAt(account)),
      VersionId: versionId(plan.id),
    })),
    NextToken: page.next,
  });
}

function listBackupSelections(req: SimRequest, account: SimAwsAccount, plan: SimBackupPlan): SimResponse {
  const page = pageOf(plan.selections, req.query.get("nextToken"), maxResults(req), invalid);
  return json(200, {
    BackupSelectionsList: page.items.map((selection) => ({
      SelectionId: selection.id,
      SelectionName: selection.name,
      BackupPlanId: plan.id,
      CreationDate: epochSeconds(accountCreatedAt(account)),
      IamRoleArn: backupRoleArn(account),
    })),
    NextToken: page.next,
  });
}

function getBackupSelection(account: SimAwsAccount, plan: SimBackupPlan, selectionId: string): SimResponse {
  const selection = plan.selections.find((s) => s.id === selectionId);
  if (selection === undefined) {
    throw new AwsError(404, "ResourceNotFoundException", `Failed reading selection ${selectionId} in plan ${plan.id}`);
  }
  return json(200, {
    BackupSelection: {
      SelectionName: selection.name,
      IamRoleArn: backupRoleArn(account),
      Resources: selection.resources,
      NotResources: selection.notResources ?? [],
      ListOfTags: (selection.tags ?? []).map((t) => ({ ConditionType: "STRINGEQUALS", ConditionKey: t.key, ConditionValue: t.value })),
      Conditions: Object.fromEntries((["StringEquals", "StringNotEquals", "StringLike", "StringNotLike"] as const).map((operator) => [
        operator,
        (selection.conditions ?? []).filter((c) => c.operator === operator).map((c) => ({
          ConditionKey: c.key.startsWith("aws:ResourceTag/") ? c.key : `aws:ResourceTag/${c.key}`, ConditionValue: c.value,
        })),
      ])),
    },
    SelectionId: selection.id,
    BackupPlanId: plan.id,
    CreationDate: epochSeconds(accountCreatedAt(account)),
  });
}

/** Unless the model says otherwise, each protected resource was last backed up at 03:00 UTC today (a nightly plan). */
function listProtectedResources(req: SimRequest, region: SimRegionBackup): SimResponse {
  const page = pageOf(region.protectedResourceArns, req.query.get("nextToken"), maxResults(req), invalid);
  const nightly = new Date();
  nightly.setUTCHours(3, 0, 0, 0);
  return json(200, {
    Results: page.items.map((arn) => {
      const last = region.lastBackupTimes?.[arn];
      return {
        ResourceArn: arn,
        ResourceType: resourceType(arn),
        LastBackupTime: last === null ? undefined : (last === undefined ? nightly.getTime() : Date.parse(last)) / 1000,
      };
    }),
    NextToken: page.next,
  });
}

function planOf(region: SimRegionBackup, planId: string): SimBackupPlan {
  const plan = region.plans.find((p) => p.id === planId);
  if (plan === undefined) throw new AwsError(404, "ResourceNotFoundException", `Failed reading plan ${planId}`);
  return plan;
}

function maxResults(req: SimRequest): number {
  return intParam("maxResults", req.query.get("maxResults"), { min: 1, max: 1000 }, invalid) ?? 1000;
}

function resourceType(arn: string): string {
  const service = arn.split(":")[2] ?? "";
  const types: Record<string, string> = {
    s3: "S3", rds: "RDS", dynamodb: "DynamoDB", elasticfilesystem: "EFS", ec2: arn.includes(":volume/") ? "EBS" : "EC2",
  };
  return types[service] ?? service;
}

function planArn(region: string, account: SimAwsAccount, plan: SimBackupPlan): string {
  return `arn:aws:backup:${region}:${account.accountId}:backup-plan:${plan.id}`;
}

function backupRoleArn(account: SimAwsAccount): string {
  return `arn:aws:iam::${account.accountId}:role/service-role/AWSBackupDefaultServiceRole`;
}

function versionId(planId: string): string {
  return Buffer.from(`v1:${planId}`).toString("base64url").slice(0, 32);
}

function epochSeconds(date: string): number {
  return Date.parse(date) / 1000;
}

function json(status: number, body: object, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId(), ...headers },
    body: JSON.stringify(body),
  };
}
