import { readdir } from "node:fs/promises";
import { SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsTenantFeeds } from "../../page/feeds.ts";
import { createPageHandler, type PageHandler } from "../../page/handler.ts";
import { SsmPageSecrets } from "../../secrets/ssm-page-secrets.ts";
import { fixtureServer, writeFixtureData } from "../page/fixtures.ts";
import { motoAvailable, startMoto, type Moto } from "../support/moto.ts";
import { runCli } from "./run-cli.ts";

/** What `cloud15 link` printed: the link's token (from the URL fragment) and the API token. */
function printed(stdout: string): { link: string; token: string } {
  const link = /\/t\/[a-z0-9-]+\/#link=(\S+)/.exec(stdout)?.[1];
  const token = /^\s+(c15_\S+)$/m.exec(stdout)?.[1];
  if (!link || !token) throw new Error(`no link and token in:\n${stdout}`);
  return { link, token };
}

/** One client of the page API over some transport: sign in with a link, read the feed with a cookie or a bearer token. */
interface PageClient {
  signIn(link: string): Promise<{ status: number; cookie?: string }>;
  feedWith(credential: { cookie: string } | { bearer: string }): Promise<number>;
}

/** The old credentials refused, the new ones accepted: what rotating promises. */
async function expectOnlyNewCredentialsWork(page: PageClient, old: { link: string; token: string; cookie: string }, fresh: { link: string; token: string }) {
  expect((await page.signIn(old.link)).status, "the old link").toBe(401);
  expect(await page.feedWith({ cookie: old.cookie }), "the old session").toBe(401);
  expect(await page.feedWith({ bearer: old.token }), "the old API token").toBe(401);
  const signedIn = await page.signIn(fresh.link);
  expect(signedIn.status, "the new link").toBe(200);
  expect(await page.feedWith({ cookie: signedIn.cookie! }), "the new session").toBe(200);
  expect(await page.feedWith({ bearer: fresh.token }), "the new API token").toBe(200);
}

describe("cloud15 link --rotate on a data folder", () => {
  const fixture = fixtureServer();

  const overHttp: () => PageClient = () => ({
    async signIn(link) {
      const res = await fetch(`${fixture.server.url}/api/tenants/acme/session`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: link }),
      });
      const cookie = res.headers.get("set-cookie")?.split(";")[0];
      return { status: res.status, ...(cookie ? { cookie } : {}) };
    },
    async feedWith(credential) {
      const headers: Record<string, string> = "cookie" in credential ? { cookie: credential.cookie } : { authorization: `Bearer ${credential.bearer}` };
      return (await fetch(`${fixture.server.url}/api/tenants/acme/feed`, { headers })).status;
    },
  });

  it("revokes every link, session and API token of the tenant at once, and prints a new link and token that work", async () => {
    const page = overHttp();
    const printedAtStart = fixture.server.links.find((l) => l.tenantId === "acme")!;
    const old = { link: new URL(printedAtStart.url).hash.slice("#link=".length), token: printedAtStart.apiToken };
    const session = await page.signIn(old.link);
    expect(session.status).toBe(200);
    expect(await page.feedWith({ cookie: session.cookie! })).toBe(200);
    expect(await page.feedWith({ bearer: old.token })).toBe(200);
    const otherTenant = fixture.server.links.find((l) => l.tenantId === "beta")!.apiToken;

    const rotated = await runCli(["link", "--rotate", "acme", "--data", fixture.data.dataDir, "--url", fixture.server.url]);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain("The page secret of acme was replaced");
    const fresh = printed(rotated.stdout);
    expect(fresh.token).not.toBe(old.token);

    await expectOnlyNewCredentialsWork(page, { ...old, cookie: session.cookie! }, fresh);
    // Another tenant's credentials are untouched.
    expect((await fetch(`${fixture.server.url}/api/tenants/beta/feed`, { headers: { authorization: `Bearer ${otherTenant}` } })).status).toBe(200);
  });

  it("refuses a tenant the data folder does not have, creating nothing", async () => {
    const out = await runCli(["link", "--rotate", "acmee", "--data", fixture.data.dataDir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`no tenant "acmee" in the data folder`);
    expect(await readdir(fixture.data.dataDir)).not.toContain("acmee");
  });
});

describe.runIf(motoAvailable())("cloud15 link --rotate on a deployment (SSM, as the page and feed functions read it)", () => {
  let moto: Moto;
  let data: Awaited<ReturnType<typeof writeFixtureData>>;
  let env: Record<string, string>;
  let ssm: SSMClient;
  beforeAll(async () => {
    moto = await startMoto();
    data = await writeFixtureData();
    env = { AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: "ap-northeast-1", AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };
    ssm = new SSMClient({ endpoint: moto.endpoint, region: "ap-northeast-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  });
  afterAll(async () => {
    ssm?.destroy();
    await moto?.stop();
    await data?.cleanup();
  });

  /** The page function of one Lambda container: the handler over SSM secrets, with the container's clock. */
  const container = (clock: () => number): PageClient => {
    const handler: PageHandler = createPageHandler({
      feeds: new FsTenantFeeds(data.dataDir), secrets: new SsmPageSecrets(ssm, "/cloud15/local", clock), secureCookies: true,
    });
    return {
      async signIn(link) {
        const res = await handler({ method: "POST", path: "/api/tenants/acme/session", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: link }) });
        const cookie = res.headers["set-cookie"]?.split(";")[0];
        return { status: res.status, ...(cookie ? { cookie } : {}) };
      },
      async feedWith(credential) {
        const headers = "cookie" in credential ? { cookie: credential.cookie } : { authorization: `Bearer ${credential.bearer}` };
        return (await handler({ method: "GET", path: "/api/tenants/acme/feed", headers })).status;
      },
    };
  };

  it("replaces the SSM parameter: a new container refuses the old credentials at once, a running one within 5 minutes", async () => {
    const link = (...extra: string[]) => runCli(["link", ...extra, "--url", "https://abc.execute-api.ap-northeast-1.amazonaws.com", "--stage", "local"], { env });
    const first = await link("--tenant", "acme");
    expect(first.code, first.stderr).toBe(0);
    const old = printed(first.stdout);

    let now = Date.parse("2026-11-01T00:00:00Z");
    const running = container(() => now);
    const session = await running.signIn(old.link);
    expect(session.status).toBe(200);
    expect(await running.feedWith({ bearer: old.token })).toBe(200);

    const rotated = await link("--rotate", "acme");
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = printed(rotated.stdout);
    // Printing again gives the new secret's token: the rotation stuck.
    expect(printed((await link("--tenant", "acme")).stdout).token).toBe(fresh.token);

    await expectOnlyNewCredentialsWork(container(() => now), { ...old, cookie: session.cookie! }, fresh);
    // A container that read the secret before keeps it no longer than its cache allows.
    now += 5 * 60_000 + 1;
    await expectOnlyNewCredentialsWork(running, { ...old, cookie: session.cookie! }, fresh);
  });
});
