import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { parseCommandArgs, UsageError } from "../usage-error.ts";

export const linkCommand: Command = {
  name: "link",
  usage: `Usage: cloud15 link (--tenant ID | --vendor) --url URL [--stage STAGE] [--region REGION]

For a deployment made with serverless.yml: prints the owner's sign-in link to the findings
page (valid 7 days) and the API token a dashboard uses for GET /api/tenants/ID/feed.
Both derive from the tenant's page secret, the SSM SecureString
/cloud15/STAGE/page-secrets/ID, which is created the first time. To revoke every link,
session and token of the tenant, delete that parameter and run this again.

Uses the AWS credentials and region of the shell (the SDK's default chain).

With --vendor instead: prints the IT vendor's sign-in link to the overview of every tenant
(URL/vendor, valid 7 days), from the SSM SecureString /cloud15/STAGE/vendor-secret, created
the first time. It opens no tenant's page and writes no answer.

Options:
  --tenant ID      the tenant (as in the config)
  --vendor         the IT vendor's overview link instead of a tenant's
  --url URL        the HTTP API's URL, printed by "npx osls deploy" (or a custom domain)
  --stage STAGE    the deployment's stage (default prod)
  --region REGION  where the deployment is (default: the shell's, else ap-northeast-1)
  -h, --help       show this help`,

  async run(args) {
    const { values } = parseCommandArgs(args, {
      tenant: { type: "string" },
      vendor: { type: "boolean", default: false },
      url: { type: "string" },
      stage: { type: "string", default: "prod" },
      region: { type: "string" },
    });
    if (values.vendor === (values.tenant !== undefined)) throw new UsageError("expects either --tenant ID or --vendor");
    if (!values.url || !/^https?:\/\/[^\s/]+/.test(values.url)) throw new UsageError("--url expects the page's base URL, e.g. https://abc123.execute-api.ap-northeast-1.amazonaws.com");
    if (!/^[a-zA-Z0-9-]+$/.test(values.stage)) throw new UsageError(`--stage expects a stage name, got ${JSON.stringify(values.stage)}`);
    const { TENANT_ID } = await import("../../page/auth.ts");
    if (values.tenant !== undefined && !TENANT_ID.test(values.tenant)) throw new UsageError(`--tenant expects a tenant id (lower-case letters, digits, hyphens), got ${JSON.stringify(values.tenant)}`);

    // Loaded only here: the SSM client is not needed by any other command's start-up.
    const [{ SSMClient }, { SsmPageSecrets }, { apiToken, signLinkToken, VENDOR_PRINCIPAL }, { LINK_SECONDS }] = await Promise.all([
      import("@aws-sdk/client-ssm"), import("../../secrets/ssm-page-secrets.ts"), import("../../page/auth.ts"), import("../../page/server.ts"),
    ]);
    const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "ap-northeast-1";
    const ssm = new SSMClient({ region });
    try {
      const secrets = new SsmPageSecrets(ssm, `/cloud15/${values.stage}`);
      const base = values.url.replace(/\/+$/, "");
      const expires = new Date(Date.now() + LINK_SECONDS * 1000);
      if (values.tenant === undefined) {
        const secret = await secrets.ensureVendor();
        process.stdout.write(`IT vendor's overview of every tenant (sign-in link valid until ${expires.toISOString()}):\n`);
        process.stdout.write(`  ${base}/vendor#link=${signLinkToken(secret, VENDOR_PRINCIPAL, expires)}\n`);
        return EXIT.ok;
      }
      const secret = await secrets.ensure(values.tenant);
      process.stdout.write(`Findings page of ${values.tenant} (sign-in link valid until ${expires.toISOString()}):\n`);
      process.stdout.write(`  ${base}/t/${values.tenant}/#link=${signLinkToken(secret, values.tenant, expires)}\n`);
      process.stdout.write(`API token for GET ${base}/api/tenants/${values.tenant}/feed (Authorization: Bearer ...):\n`);
      process.stdout.write(`  ${apiToken(secret, values.tenant)}\n`);
    } finally {
      ssm.destroy();
    }
    return EXIT.ok;
  },
};
