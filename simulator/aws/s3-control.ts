import { pabElements } from "./s3.ts";
import { AwsError, requestId, unsupported, type SimResponse, type SimService } from "./wire.ts";
import { xmlDocument } from "./xml.ts";

/**
 * S3 Control (REST/XML, signed as `s3`, paths under /v20180820/). Its errors are wrapped in
 * <ErrorResponse>, unlike S3's flat <Error>.
 */
const NS = "http://awss3control.amazonaws.com/doc/2018-08-20/";
const PUBLIC_ACCESS_BLOCK_PATH = "/v20180820/configuration/publicAccessBlock";

export const s3ControlService: SimService = {
  name: "s3-control",
  route(req, ctx) {
    if (req.method !== "GET" || req.path !== PUBLIC_ACCESS_BLOCK_PATH) {
      return unsupported("s3-control", `${req.method} ${req.path}`, () =>
        new AwsError(501, "NotImplemented", "This operation is not implemented by the simulator"));
    }
    return {
      operation: "GetPublicAccessBlock",
      permission: "s3:GetAccountPublicAccessBlock",
      respond: () => {
        const accountId = req.headers["x-amz-account-id"];
        if (accountId !== ctx.account.accountId) {
          throw new AwsError(403, "AccessDenied", "Access Denied");
        }
        const pab = ctx.account.publicAccessBlock;
        if (pab === undefined) {
          throw new AwsError(404, "NoSuchPublicAccessBlockConfiguration",
            "The public access block configuration was not found", { AccountId: accountId });
        }
        return xml(200, xmlDocument("PublicAccessBlockConfiguration", { "@_xmlns": NS, ...pabElements(pab) }));
      },
    };
  },
  error(err) {
    const id = requestId();
    return xml(err.status, xmlDocument("ErrorResponse", {
      Error: { Code: err.code, Message: err.message, ...err.details },
      RequestId: id,
      HostId: id,
    }), err.headers, id);
  },
};

function xml(status: number, body: string, headers: Record<string, string> = {}, id = requestId()): SimResponse {
  return { status, headers: { "content-type": "application/xml", "x-amz-request-id": id, ...headers }, body };
}
