import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { TenantSecretAdmin } from "../../page/secrets.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { parseCommandArgs, UsageError } from "../usage-error.ts";

export const linkCommand: Command = {
  name: "link",
  usage: `Usage: cloud15 link --tenant ID --url URL [--data DIR | --stage STAGE] [--region REGION]
       cloud15 link --rotate ID [--url URL] [--data DIR | --stage STAGE] [--region REGION]
       cloud15 link --vendor --url URL [--stage STAGE] [--region REGION]

Prints the owner's sign-in link to the findings page (valid 7 days) and the API token a
dashboard uses for GET /api/tenants/ID/feed. Both derive from the tenant's page secret:
on a deployment made with serverless.yml the SSM SecureString
/cloud15/STAGE/page-secrets/ID, created the first time; with --data, DIR/ID/.page-secret,
the secret "cloud15 serve --data DIR" uses.

--rotate ID replaces the tenant's page secret with a new one: every link, session and API
token issued before stops working (at once with --data; within 5 minutes on a deployment,
as its functions cache the secret), and the link and token printed after it are the only
ones that work. Hand the new link to the owner and the new token to the dashboards.

--vendor prints the IT vendor's sign-in link to the overview of every tenant (URL/vendor,
valid 7 days) on a deployment, from the SSM SecureString /cloud15/STAGE/vendor-secret,
created the first time. It opens no tenant's page and writes no answer. ("cloud15 serve"
prints the vendor's link for a data folder.)

Without --data it uses the AWS credentials and region of the shell (the SDK's default chain).

Options:
  --tenant ID      the tenant (as in the config)
  --rotate ID      replace this tenant's page secret, revoking everything issued under it
  --vendor         the IT vendor's overview link instead of a tenant's
  --url URL        the page's base URL: the HTTP API's URL printed by "npx osls deploy" (or a
                   custom domain), or the URL "cloud15 serve" prints
  --data DIR       the data folder of "cloud15 serve", instead of a deployment
  --stage STAGE    the deployment's stage (default prod)
  --region REGION  where the deployment is (default: the shell's, else ap-northeast-1)
  -h, --help       show this help`,

  async run(args) {
    const { values } = parseCommandArgs(args, {
      tenant: { type: "string" },
      rotate: { type: "string" },
      vendor: { type: "boolean", default: false },
      url: { type: "string" },
      data: { type: "string" },
      stage: { type: "string" },
      region: { type: "string" },
    });
    const chosen = [values.tenant !== undefined, values.rotate !== undefined, values.vendor].filter(Boolean).length;
    if (chosen !== 1) throw new UsageError("expects one of --tenant ID, --rotate ID or --vendor");
    if (values.rotate === undefined && values.url === undefined) throw new UsageError("--url URL is required to print a link");
    if (values.url !== undefined && !/^https?:\/\/[^\s/]+/.test(values.url)) throw new UsageError("--url expects the page's base URL, e.g. https://abc123.execute-api.ap-northeast-1.amazonaws.com");
    if (values.data !== undefined && (values.stage !== undefined || values.region !== undefined)) throw new UsageError("--data is for a data folder; --stage and --region are for a deployment");
    if (values.data !== undefined && values.vendor) throw new UsageError("--vendor is for a deployment: \"cloud15 serve --data DIR\" prints the vendor's link for a data folder");
    const stage = values.stage ?? "prod";
    if (!/^[a-zA-Z0-9-]+$/.test(stage)) throw new UsageError(`--stage expects a stage name, got ${JSON.stringify(stage)}`);
    const tenantId = values.rotate ?? values.tenant;
    const { TENANT_ID } = await import("../../page/auth.ts");
    if (tenantId !== undefined && !TENANT_ID.test(tenantId)) throw new UsageError(`expected a tenant id (lower-case letters, digits, hyphens), got ${JSON.stringify(tenantId)}`);

    const rotate = values.rotate !== undefined;
    if (values.data !== undefined && tenantId !== undefined) {
      const { FsTenantSecrets } = await import("../../page/secrets.ts");
      await assertTenantFolder(values.data, tenantId);
      await issue(new FsTenantSecrets(values.data), tenantId, rotate, values.url);
      return EXIT.ok;
    }
    // Loaded only here: the SSM client is not needed by any other command's start-up.
    const [{ SSMClient }, { SsmPageSecrets }] = await Promise.all([import("@aws-sdk/client-ssm"), import("../../secrets/ssm-page-secrets.ts")]);
    const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "ap-northeast-1";
    const ssm = new SSMClient({ region });
    try {
      const secrets = new SsmPageSecrets(ssm, `/cloud15/${stage}`);
      if (tenantId === undefined) await issueVendor(secrets, values.url!);
      else await issue(secrets, tenantId, rotate, values.url);
    } finally {
      ssm.destroy();
    }
    return EXIT.ok;
  },
};

/** A typo in --rotate must not quietly make a folder for a tenant that is not there. */
async function assertTenantFolder(dataDir: string, tenantId: string): Promise<void> {
  const found = await stat(join(dataDir, tenantId)).then((s) => s.isDirectory(), () => false);
  if (!found) throw new UsageError(`no tenant ${JSON.stringify(tenantId)} in the data folder ${dataDir} (scan it first)`);
}

async function issue(
  secrets: TenantSecretAdmin,
  tenantId: string,
  rotate: boolean,
  url: string | undefined,
): Promise<void> {
  const [{ apiToken, signLinkToken }, { LINK_SECONDS }] = await Promise.all([import("../../page/auth.ts"), import("../../page/server.ts")]);
  const secret = rotate ? await secrets.rotate(tenantId) : await secrets.ensure(tenantId);
  if (rotate) process.stdout.write(`The page secret of ${tenantId} was replaced: every earlier link, session and API token is revoked.\n`);
  if (url === undefined) {
    process.stdout.write(`Print the new link and token with: cloud15 link --tenant ${tenantId} --url URL\n`);
    return;
  }
  const base = url.replace(/\/+$/, "");
  const expires = new Date(Date.now() + LINK_SECONDS * 1000);
  process.stdout.write(`Findings page of ${tenantId} (sign-in link valid until ${expires.toISOString()}):\n`);
  process.stdout.write(`  ${base}/t/${tenantId}/#link=${signLinkToken(secret, tenantId, expires)}\n`);
  process.stdout.write(`API token for GET ${base}/api/tenants/${tenantId}/feed (Authorization: Bearer ...):\n`);
  process.stdout.write(`  ${apiToken(secret, tenantId)}\n`);
}

async function issueVendor(secrets: { ensureVendor(): Promise<Buffer> }, url: string): Promise<void> {
  const [{ signLinkToken, VENDOR_PRINCIPAL }, { LINK_SECONDS }] = await Promise.all([import("../../page/auth.ts"), import("../../page/server.ts")]);
  const secret = await secrets.ensureVendor();
  const expires = new Date(Date.now() + LINK_SECONDS * 1000);
  process.stdout.write(`IT vendor's overview of every tenant (sign-in link valid until ${expires.toISOString()}):\n`);
  process.stdout.write(`  ${url.replace(/\/+$/, "")}/vendor#link=${signLinkToken(secret, VENDOR_PRINCIPAL, expires)}\n`);
}
