import { AwsError, requestId, stableId, unsupported, type SimResponse, type SimService } from "./wire.ts";

/**
 * GuardDuty over REST-JSON (lowerCamel members): `GET /detector` lists the region's detector
 * ids, `GET /detector/{id}` answers its status.
 */
export const guardDutyService: SimService = {
  name: "guardduty",
  route(req, ctx) {
    const status = ctx.account.regions?.[req.region]?.guardDuty;
    const detectorId = status ? detectorIdOf(ctx.account.accountId, req.region) : undefined;
    const [first, id, ...rest] = req.path.split("/").filter((p) => p !== "");
    if (req.method === "GET" && first === "detector" && rest.length === 0) {
      if (id === undefined) {
        return { operation: "ListDetectors", permission: "guardduty:ListDetectors", respond: () => json(200, { detectorIds: detectorId ? [detectorId] : [] }) };
      }
      return {
        operation: "GetDetector", permission: "guardduty:GetDetector",
        respond: () => {
          if (id !== detectorId) throw new AwsError(400, "BadRequestException", "The request is rejected because the input detectorId is not owned by the current account.");
          return json(200, {
            createdAt: "2024-04-01T00:00:00.000Z", findingPublishingFrequency: "SIX_HOURS",
            serviceRole: `arn:aws:iam::${ctx.account.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
            status, updatedAt: "2024-04-01T00:00:00.000Z", tags: {},
          });
        },
      };
    }
    return unsupported("guardduty", `${req.method} ${req.path}`, () => new AwsError(404, "UnknownOperationException", "The simulator serves ListDetectors and GetDetector only"));
  },
  error: (err) => json(err.status, { message: err.message, __type: err.code }, { "x-amzn-errortype": err.code, ...err.headers }),
};

/** 32 hex characters, stable for the account and region, as GuardDuty's detector ids look. */
function detectorIdOf(accountId: string, region: string): string {
  return Buffer.from(stableId("", `${accountId}/${region}`)).toString("hex").slice(0, 32);
}

function json(status: number, body: object, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/json", "x-amzn-requestid": requestId(), ...headers }, body: JSON.stringify(body) };
}
