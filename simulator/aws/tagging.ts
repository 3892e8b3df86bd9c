import type { SimAwsAccount } from "./model.ts";
import { AwsError, pageOf, requestId, unsupported, type Route, type SimRequest, type SimResponse, type SimService } from "./wire.ts";

/**
 * Resource Groups Tagging API (JSON 1.1, `X-Amz-Target: ResourceGroupsTaggingAPI_20170126.*`).
 * GetResources lists the region's tagged or once-tagged resources; only S3 buckets are
 * modelled. A listing ends with an empty PaginationToken, as the service does.
 */
const TARGET_PREFIX = "ResourceGroupsTaggingAPI_20170126.";
const invalid = (message: string) => new AwsError(400, "InvalidParameterException", message);

export const taggingService: SimService = {
  name: "tagging",
  route(req, ctx): Route {
    const target = String(req.headers["x-amz-target"] ?? "");
    if (req.method === "POST" && target === `${TARGET_PREFIX}GetResources`) {
      return { operation: "GetResources", permission: "tag:GetResources", respond: () => getResources(req, ctx.account) };
    }
    return unsupported("tagging", target || `${req.method} ${req.path}`, () =>
      new AwsError(400, "UnknownOperationException", "The requested operation is not supported by the simulator"));
  },
  error(err) {
    return json(err.status, { __type: err.code, Message: err.message }, err.headers);
  },
};

function getResources(req: SimRequest, account: SimAwsAccount): SimResponse {
  const input = (req.body ? JSON.parse(req.body) : {}) as { PaginationToken?: string; ResourcesPerPage?: number; ResourceTypeFilters?: string[] };
  const perPage = input.ResourcesPerPage ?? 50;
  if (perPage < 1 || perPage > 100) throw invalid("ResourcesPerPage must be between 1 and 100");
  const types = input.ResourceTypeFilters ?? [];
  const wantsS3 = types.length === 0 || types.some((t) => t === "s3" || t === "s3:bucket");
  const buckets = wantsS3 ? account.buckets.filter((b) => b.region === req.region && b.tags !== undefined) : [];
  const page = pageOf(buckets, input.PaginationToken || undefined, perPage, invalid);
  return json(200, {
    PaginationToken: page.next ?? "",
    ResourceTagMappingList: page.items.map((b) => ({
      ResourceARN: `arn:aws:s3:::${b.name}`,
      Tags: Object.entries(b.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    })),
  });
}

function json(status: number, body: object, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId(), ...headers },
    body: JSON.stringify(body),
  };
}
