import { restJson, restJsonError } from "./json.ts";
import { accountCreatedAt } from "./model.ts";
import { AwsError, unsupported, type Route, type SimService } from "./wire.ts";

/**
 * Amazon Macie over REST-JSON: GET /macie (GetMacieSession), per region. Where Macie was never
 * enabled AWS answers AccessDeniedException "Macie is not enabled." — the code of a real IAM
 * denial, told apart only by its message.
 */
export const macieService: SimService = {
  name: "macie2",
  route(req, ctx): Route {
    if (req.method !== "GET" || req.path !== "/macie") {
      return unsupported("macie2", `${req.method} ${req.path}`, () =>
        new AwsError(404, "UnknownOperationException", "The requested operation is not supported by the simulator"));
    }
    return {
      operation: "GetMacieSession", permission: "macie2:GetMacieSession",
      respond: () => {
        const status = ctx.account.macie?.[req.region];
        if (status === undefined) throw new AwsError(403, "AccessDeniedException", "Macie is not enabled.");
        const created = accountCreatedAt(ctx.account);
        return restJson(200, {
          createdAt: created,
          findingPublishingFrequency: "FIFTEEN_MINUTES",
          serviceRole: `arn:aws:iam::${ctx.account.accountId}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
          status,
          updatedAt: created,
        });
      },
    };
  },
  error: restJsonError,
};
