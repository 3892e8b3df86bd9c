import { randomBytes } from "node:crypto";
import { AwsError, intParam, isoSeconds, stableId, unsupported, type Route, type SimContext, type SimRequest, type SimService } from "./wire.ts";
import { queryError, queryResponse } from "./xml.ts";

/** STS over the AWS Query protocol (form-encoded POST, XML answers). */
const NS = "https://sts.amazonaws.com/doc/2011-06-15/";

/**
 * The identity static (non-session) credentials stand for. It is not in the account model,
 * so the scanner's own user never shows up among the findings.
 */
const SCANNER_USER = "cloud15-scanner";

export const stsService: SimService = {
  name: "sts",
  route(req, ctx): Route {
    const form = new URLSearchParams(req.body);
    const action = form.get("Action") ?? "";
    switch (action) {
      case "GetCallerIdentity":
        return { operation: action, permission: "sts:GetCallerIdentity", respond: () => getCallerIdentity(req, ctx) };
      case "AssumeRole":
        return { operation: action, permission: "sts:AssumeRole", respond: () => assumeRole(form, req, ctx) };
      default:
        return unsupported("sts", action, () => new AwsError(400, "InvalidAction", `Could not find operation ${action} for version 2011-06-15`));
    }
  },
  error: (err) => queryError(NS, err),
};

export function callerArn(req: SimRequest, ctx: SimContext): string {
  const session = ctx.state.sessions.get(req.accessKeyId);
  if (session === undefined) return `arn:aws:iam::${ctx.account.accountId}:user/${SCANNER_USER}`;
  return `arn:aws:sts::${ctx.account.accountId}:assumed-role/${roleName(session.roleArn)}/${session.sessionName}`;
}

function getCallerIdentity(req: SimRequest, ctx: SimContext) {
  const session = ctx.state.sessions.get(req.accessKeyId);
  return queryResponse("GetCallerIdentity", NS, {
    Arn: callerArn(req, ctx),
    UserId: session === undefined ? stableId("AIDA", SCANNER_USER) : `${stableId("AROA", session.roleArn)}:${session.sessionName}`,
    Account: ctx.account.accountId,
  });
}

/**
 * Any role of this account can be assumed (the model lists only the roles that matter to the
 * checks); the trust policy's sts:ExternalId condition is enforced when the account sets one.
 */
function assumeRole(form: URLSearchParams, req: SimRequest, ctx: SimContext) {
  const roleArn = form.get("RoleArn") ?? "";
  const sessionName = form.get("RoleSessionName") ?? "";
  const denied = () => new AwsError(403, "AccessDenied",
    `User: ${callerArn(req, ctx)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new AwsError(400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint");
  }
  if (!roleArn.startsWith(`arn:aws:iam::${ctx.account.accountId}:role/`)) throw denied();
  const required = ctx.account.requiredExternalId;
  if (required !== undefined && form.get("ExternalId") !== required) throw denied();
  const duration = intParam("DurationSeconds", form.get("DurationSeconds"), { min: 900, max: 43_200 },
    (message) => new AwsError(400, "ValidationError", message)) ?? 3600;
  const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
  ctx.state.sessions.set(accessKeyId, { roleArn, sessionName });
  return queryResponse("AssumeRole", NS, {
    AssumedRoleUser: {
      AssumedRoleId: `${stableId("AROA", roleArn)}:${sessionName}`,
      Arn: `arn:aws:sts::${ctx.account.accountId}:assumed-role/${roleName(roleArn)}/${sessionName}`,
    },
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: randomBytes(30).toString("base64"),
      SessionToken: randomBytes(64).toString("base64"),
      Expiration: isoSeconds(new Date(Date.now() + duration * 1000)),
    },
  });
}

function roleName(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf("/") + 1);
}
