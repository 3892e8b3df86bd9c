import { awsJson, awsJsonError, jsonTarget } from "./json.ts";
import type { SimSupportPlan } from "./model.ts";
import { AwsError, unsupported, type Route, type SimService } from "./wire.ts";

/**
 * AWS Support over JSON 1.1 (`X-Amz-Target: AWSSupport_20130415.*`), served in us-east-1 only.
 * Accounts without Business, Enterprise On-Ramp or Enterprise get SubscriptionRequiredException.
 */
const TARGET = "AWSSupport_20130415";
const SUPPORT_REGION = "us-east-1";

/** The levels each plan may open cases at (the support plans page). */
const LEVELS: Record<SimSupportPlan, string[]> = {
  "basic": [],
  "developer": [],
  "business": ["low", "normal", "high", "urgent"],
  "enterprise-on-ramp": ["low", "normal", "high", "urgent", "critical"],
  "enterprise": ["low", "normal", "high", "urgent", "critical"],
};

const NAMES: Record<string, string> = {
  low: "General guidance", normal: "System impaired", high: "Production system impaired",
  urgent: "Production system down", critical: "Business-critical system down",
};

export const supportService: SimService = {
  name: "support",
  route(req, ctx): Route {
    const operation = jsonTarget(req, TARGET);
    if (operation !== "DescribeSeverityLevels") {
      return unsupported("support", operation ?? `${req.method} ${req.path}`, () =>
        new AwsError(400, "UnknownOperationException", "The requested operation is not supported by the simulator"));
    }
    return {
      operation, permission: "support:DescribeSeverityLevels",
      respond: () => {
        // The only endpoint is support.us-east-1.amazonaws.com: a request signed for another region is refused there.
        if (req.region !== SUPPORT_REGION) {
          throw new AwsError(403, "InvalidSignatureException", `Credential should be scoped to a valid region, not '${req.region}'.`);
        }
        const levels = LEVELS[ctx.account.supportPlan ?? "basic"];
        if (levels.length === 0) throw new AwsError(400, "SubscriptionRequiredException", "AWS Premium Support Subscription is required to use this service.");
        return awsJson(200, { severityLevels: levels.map((code) => ({ code, name: NAMES[code] })) });
      },
    };
  },
  error: awsJsonError,
};
