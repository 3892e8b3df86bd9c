import { awsJson, awsJsonError, jsonBody, jsonTarget } from "./json.ts";
import type { SimAwsAccount, SimTrail } from "./model.ts";
import { AwsError, unsupported, type Route, type SimRequest, type SimResponse, type SimService } from "./wire.ts";

/**
 * CloudTrail over JSON 1.1 (`X-Amz-Target: CloudTrail_20131101.*`). A region sees the trails
 * created there and, as shadow trails, every multi-region trail; a shadow trail is addressed
 * by its ARN alone, as AWS requires.
 */
const TARGET = "CloudTrail_20131101";

const invalid = (message: string) => new AwsError(400, "InvalidParameterValueException", message);

export const cloudTrailService: SimService = {
  name: "cloudtrail",
  route(req, ctx): Route {
    const operation = jsonTarget(req, TARGET);
    const route = (respond: () => SimResponse): Route => ({ operation: operation!, permission: `cloudtrail:${operation}`, respond });
    const trails = ctx.account.trails ?? [];
    switch (operation) {
      case "DescribeTrails":
        return route(() => describeTrails(req, ctx.account, trails));
      case "GetTrailStatus":
        return route(() => trailStatus(trailOf(req, ctx.account, trails, jsonBody<{ Name?: string }>(req, invalid).Name)));
      case "GetEventSelectors":
        return route(() => {
          const trail = trailOf(req, ctx.account, trails, jsonBody<{ TrailName?: string }>(req, invalid).TrailName);
          return eventSelectors(ctx.account, trail);
        });
      default:
        return unsupported("cloudtrail", operation ?? `${req.method} ${req.path}`, () =>
          new AwsError(400, "UnknownOperationException", "The requested operation is not supported by the simulator"));
    }
  },
  error: awsJsonError,
};

export function trailArn(account: SimAwsAccount, t: SimTrail): string {
  return `arn:aws:cloudtrail:${t.homeRegion}:${t.ownerAccountId ?? account.accountId}:trail/${t.name}`;
}

function describeTrails(req: SimRequest, account: SimAwsAccount, trails: SimTrail[]): SimResponse {
  const input = jsonBody<{ includeShadowTrails?: boolean }>(req, invalid);
  const shadows = input.includeShadowTrails !== false;
  const own = (t: SimTrail) => t.homeRegion === req.region && t.ownerAccountId === undefined;
  const listed = trails.filter((t) => own(t) || (shadows && (t.multiRegion || t.homeRegion === req.region)));
  return awsJson(200, {
    trailList: listed.map((t) => ({
      Name: t.name,
      S3BucketName: t.bucket ?? `aws-cloudtrail-logs-${account.accountId}`,
      IncludeGlobalServiceEvents: t.multiRegion,
      IsMultiRegionTrail: t.multiRegion,
      HomeRegion: t.homeRegion,
      TrailARN: trailArn(account, t),
      LogFileValidationEnabled: true,
      HasCustomEventSelectors: t.eventSelectors !== undefined || t.advancedEventSelectors !== undefined,
      HasInsightSelectors: false,
      IsOrganizationTrail: t.ownerAccountId !== undefined,
    })),
  });
}

/** By ARN from any region; by name only in the trail's home region, and only for the account's own trails. */
function trailOf(req: SimRequest, account: SimAwsAccount, trails: SimTrail[], name: string | undefined): SimTrail {
  if (!name) throw invalid("Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).");
  const trail = name.startsWith("arn:")
    ? trails.find((t) => trailArn(account, t) === name)
    : trails.find((t) => t.name === name && t.homeRegion === req.region && t.ownerAccountId === undefined);
  if (trail === undefined) throw new AwsError(400, "TrailNotFoundException", `Unknown trail: ${name} for the user: ${account.accountId}`);
  return trail;
}

function trailStatus(t: SimTrail): SimResponse {
  const started = Date.parse("2024-04-01T00:00:00Z") / 1000;
  const now = Math.floor(Date.now() / 1000);
  return awsJson(200, {
    IsLogging: t.logging,
    StartLoggingTime: started,
    ...(t.logging ? { LatestDeliveryTime: now - 300 } : { StopLoggingTime: started + 86_400 * 30 }),
    TimeLoggingStarted: new Date(started * 1000).toISOString(),
  });
}

/** A trail created without selectors records every management event: the documented default. */
function eventSelectors(account: SimAwsAccount, t: SimTrail): SimResponse {
  const TrailARN = trailArn(account, t);
  if (t.advancedEventSelectors) return awsJson(200, { TrailARN, AdvancedEventSelectors: t.advancedEventSelectors });
  return awsJson(200, {
    TrailARN,
    EventSelectors: t.eventSelectors ?? [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
  });
}
