import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { createPageHandler } from "../page/handler.ts";
import { DynamoAnswerStore } from "../store/dynamo-answer-store.ts";
import { S3TenantFeeds } from "../store/s3-tenant-feeds.ts";
import { SsmPageSecrets } from "../secrets/ssm-page-secrets.ts";
import { dynamoClient, lambdaEnvironment, lazy, s3Client, ssmClient } from "./environment.ts";
import { httpApiHandler } from "./http-adapter.ts";
import { pageAssets } from "./page-assets.ts";

/**
 * The owner's findings page: the page handler `cloud15 serve` runs, over S3, DynamoDB and
 * SSM. Its routes in serverless.yml are the shell, the files, the session and the owner's
 * answers; the feed's two GETs are the `feed` function's.
 */
export const handler = lazy(() => {
  const env = lambdaEnvironment();
  const ready = pageAssets().then((assets) => httpApiHandler(createPageHandler({
    feeds: new S3TenantFeeds(s3Client(), env.bucket),
    answers: new DynamoAnswerStore(dynamoClient(), env.table),
    secrets: new SsmPageSecrets(ssmClient(), env.ssmPrefix),
    assets,
    // HTTP API serves https only.
    secureCookies: true,
  })));
  return async (event: APIGatewayProxyEventV2) => (await ready)(event);
});
