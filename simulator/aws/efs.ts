import { AwsError, intParam, pageOf, requestId, unsupported, type SimResponse, type SimService } from "./wire.ts";

/** EFS's DescribeFileSystems over REST-JSON: `GET /2015-02-01/file-systems`, paged by Marker / NextMarker. */
export const efsService: SimService = {
  name: "efs",
  route(req, ctx) {
    if (req.method !== "GET" || req.path !== "/2015-02-01/file-systems") {
      return unsupported("efs", `${req.method} ${req.path}`, () => new AwsError(404, "UnknownOperationException", "The simulator serves DescribeFileSystems only"));
    }
    return {
      operation: "DescribeFileSystems", permission: "elasticfilesystem:DescribeFileSystems",
      respond: () => {
        const invalid = (m: string) => new AwsError(400, "BadRequest", m);
        const size = intParam("MaxItems", req.query.get("MaxItems"), { min: 1, max: 1000 }, invalid) ?? 100;
        const ids = ctx.account.regions?.[req.region]?.efsFileSystems ?? [];
        const page = pageOf(ids, req.query.get("Marker"), size, invalid);
        return json(200, {
          FileSystems: page.items.map((id) => ({
            OwnerId: ctx.account.accountId, CreationToken: id, FileSystemId: id,
            FileSystemArn: `arn:aws:elasticfilesystem:${req.region}:${ctx.account.accountId}:file-system/${id}`,
            CreationTime: 1_735_689_600, LifeCycleState: "available", NumberOfMountTargets: 1,
            SizeInBytes: { Value: 6144 }, PerformanceMode: "generalPurpose", Encrypted: true, ThroughputMode: "elastic", Tags: [],
          })),
          ...(page.next ? { NextMarker: page.next } : {}),
        });
      },
    };
  },
  error: (err) => json(err.status, { ErrorCode: err.code, Message: err.message }, { "x-amzn-errortype": err.code, ...err.headers }),
};

function json(status: number, body: object, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/json", "x-amzn-requestid": requestId(), ...headers }, body: JSON.stringify(body) };
}
