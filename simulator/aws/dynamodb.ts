import { AwsError, intParam, requestId, unsupported, type SimResponse, type SimService } from "./wire.ts";

/**
 * DynamoDB's ListTables over JSON 1.0 (`X-Amz-Target: DynamoDB_20120810.ListTables`). It pages
 * by table name: ExclusiveStartTableName in, LastEvaluatedTableName out.
 */
export const dynamoDbService: SimService = {
  name: "dynamodb",
  route(req, ctx) {
    const operation = String(req.headers["x-amz-target"] ?? "").replace(/^DynamoDB_20120810\./, "");
    if (operation !== "ListTables") {
      return unsupported("dynamodb", operation, () => new AwsError(400, "UnknownOperationException", "The simulator serves ListTables only"));
    }
    return {
      operation, permission: "dynamodb:ListTables",
      respond: () => {
        const input = JSON.parse(req.body || "{}") as { Limit?: number; ExclusiveStartTableName?: string };
        const limit = intParam("Limit", input.Limit === undefined ? undefined : String(input.Limit), { min: 1, max: 100 },
          (m) => new AwsError(400, "ValidationException", m)) ?? 100;
        const tables = [...ctx.account.regions?.[req.region]?.dynamoDbTables ?? []].sort();
        const from = input.ExclusiveStartTableName ? tables.filter((t) => t > input.ExclusiveStartTableName!) : tables;
        const page = from.slice(0, limit);
        return json(200, { TableNames: page, ...(from.length > limit ? { LastEvaluatedTableName: page.at(-1) } : {}) });
      },
    };
  },
  error: (err) => json(err.status, { __type: `com.amazonaws.dynamodb.v20120810#${err.code}`, message: err.message }, err.headers),
};

function json(status: number, body: object, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId(), ...headers }, body: JSON.stringify(body) };
}
