import { createPageHandler } from "../page/handler.ts";
import { DynamoAnswerStore } from "../store/dynamo-answer-store.ts";
import { S3TenantFeeds } from "../store/s3-tenant-feeds.ts";
import { SsmPageSecrets } from "../secrets/ssm-page-secrets.ts";
import { dynamoClient, lambdaEnvironment, lazy, s3Client, ssmClient } from "./environment.ts";
import { httpApiHandler } from "./http-adapter.ts";

/**
 * `GET /api/tenants/{tenant}/feed` (and `/history`, the page's score trend): the latest feed
 * for a dashboard's bearer token or the page's session cookie, checked by the same page
 * handler as `cloud15 serve`, with the owner's answers since the scan applied. Without
 * assets, so the function carries no page files.
 */
export const handler = lazy(() => {
  const env = lambdaEnvironment();
  return httpApiHandler(createPageHandler({
    feeds: new S3TenantFeeds(s3Client(), env.bucket),
    answers: new DynamoAnswerStore(dynamoClient(), env.table),
    secrets: new SsmPageSecrets(ssmClient(), env.ssmPrefix),
    secureCookies: true,
  }));
});
