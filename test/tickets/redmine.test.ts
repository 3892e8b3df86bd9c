import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleCoTenant, SIMULATOR_CREDENTIALS } from "../../cli/example-co.ts";
import type { TenantConfig } from "../../config/schema.ts";
import type { Feed } from "../../feed/schema.ts";
import { scanTenant } from "../../scan/scan-tenant.ts";
import { SecretReader } from "../../secrets/secret-ref.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";
import type { DeliveryReport } from "../../tickets/deliver.ts";
import { FsTicketStore } from "../../tickets/fs-ticket-store.ts";
import { groupIdOf, ticketMarker } from "../../tickets/outbox.ts";
import { TicketSync } from "../../tickets/sync.ts";
import { REDMINE_BOOT_MS } from "../support/busy-machine.ts";
import { redmineInstalled, startRedmine, type Redmine } from "../support/redmine.ts";

interface Issue {
  id: number;
  subject: string;
  description: string;
  status: { id: number; name: string };
  priority: { name: string };
  journals?: { notes: string }[];
}

const PAGE_URL = "https://cloud15.example.jp";

/** A scan whose delivery never comes: the process "dies" right after storing the feed. */
class EnqueueOnly extends TicketSync {
  override async deliver(tenant: TenantConfig): Promise<DeliveryReport> {
    return { tenantId: tenant.id, targets: [], orphaned: 0 };
  }
}
const DAY = 86_400_000;

/**
 * One story against a real Redmine, in order: each step starts from where the previous one
 * left the simulated account, the data folder and Redmine. A step is a scan and dozens of
 * Rails requests: a second on a quiet machine, a minute or more on a busy one.
 */
describe.skipIf(!redmineInstalled())("findings as tickets in a real Redmine", { timeout: 300_000 }, () => {
  let redmine: Redmine;
  let sim: AwsSimulator;
  let data: string;
  let tenant: TenantConfig;
  let clock: number;
  let tickets: FsTicketStore;
  const reports: DeliveryReport[] = [];

  beforeAll(async () => {
    [redmine, sim] = await Promise.all([startRedmine(), startAwsSimulator({ account: exampleCoAccount() })]);
    data = await mkdtemp(join(tmpdir(), "cloud15-redmine-data-"));
    tickets = new FsTicketStore(data);
    tenant = {
      ...exampleCoTenant(sim.endpoint),
      tickets: [{ kind: "redmine", url: redmine.url, allowPrivateNetwork: true, apiKey: { env: "REDMINE_API_KEY" }, project: redmine.project }],
    };
    clock = Date.now();
    // The setup on first use, then a boot.
  }, 2 * REDMINE_BOOT_MS);

  afterAll(async () => {
    await Promise.all([redmine?.dispose(), sim?.stop()]);
    if (data) await rm(data, { recursive: true, force: true });
  });

  const sync = (Sync: typeof TicketSync = TicketSync) => new Sync({
    store: tickets,
    secrets: new SecretReader({ env: { REDMINE_API_KEY: redmine.apiKey } }),
    pageUrl: PAGE_URL,
    // Nightly scans: a day apart, so an update that failed is due again at the next one.
    now: () => new Date(clock),
    // Rails answers in milliseconds when the machine is quiet and in seconds when it is busy;
    // no step here is about a request that hangs.
    http: { retry: { retries: 1, minTimeoutMs: 10, maxTimeoutMs: 20, maxWaitMs: 1_000 }, timeoutMs: 60_000 },
    onReport: (r) => reports.push(r),
  });
  const scan = async (): Promise<Feed> => {
    clock += DAY;
    return scanTenant({ tenant, store: new FsFeedStore(data), credentials: { aws: SIMULATOR_CREDENTIALS }, tickets: sync(), now: () => new Date(clock) });
  };
  const issues = async () =>
    (await redmine.get<{ issues: Issue[] }>(`/issues.json?project_id=${redmine.project}&status_id=*&limit=100&sort=id`)).issues;
  const issue = (id: number) => redmine.get<{ issue: Issue }>(`/issues/${id}.json?include=journals`).then((r) => r.issue);
  const ticketOf = async (checkId: string) => {
    const marker = ticketMarker(groupIdOf("example-co", "check", { id: "", checkId }));
    const found = (await issues()).find((i) => i.description.includes(marker));
    if (!found) throw new Error(`no ticket for ${checkId}`);
    return issue(found.id);
  };
  const outbox = () => tickets.outbox("example-co");
  let firstIds: number[] = [];

  it("opens one ticket per failing check, in the tenant's language, with the fix, the page link and the severity's priority", async () => {
    const feed = await scan();
    const failingChecks = new Set(feed.findings.filter((f) => f.status === "fail").map((f) => f.checkId));
    const all = await issues();
    expect(all).toHaveLength(failingChecks.size);
    firstIds = all.map((i) => i.id);

    const rootMfa = await ticketOf("aws.iam.root_mfa");
    expect(rootMfa.subject).toBe("[株式会社エグザンプル (Example Co.)] 要対応: ルートユーザーに MFA が設定されている");
    expect(rootMfa.priority.name).toBe("Urgent");
    expect(rootMfa.status.name).toBe("New");
    expect(rootMfa.description).toContain("ルートユーザーでサインインし、右上のアカウント名 >「セキュリティ認証情報」");
    expect(rootMfa.description).toContain("ルートユーザーに MFA がありません。");
    expect(rootMfa.description).toContain(`${PAGE_URL}/t/example-co/`);
    expect((await ticketOf("aws.iam.user_console_mfa")).priority.name).toBe("High");
    expect((await ticketOf("aws.s3.bucket_versioning")).priority.name).toBe("Normal");

    // One ticket lists every affected resource of its check.
    const publicBuckets = await ticketOf("aws.s3.bucket_public");
    expect(publicBuckets.description).toContain("example-co-public-assets");
    expect(publicBuckets.description).toContain("example-co-website");

    expect(await outbox()).toEqual([]);
    expect(feed.tickets).toEqual({ retrying: 0, dead: [] });
    expect(reports.at(-1)!.targets).toEqual([expect.objectContaining({ targetId: "redmine", delivered: failingChecks.size, failed: 0, waiting: 0 })]);
  });

  it("changes nothing in Redmine when a scan finds the same problems again", async () => {
    await scan();
    const all = await issues();
    expect(all.map((i) => i.id)).toEqual(firstIds);
    for (const i of all) expect((await issue(i.id)).journals).toEqual([]);
    expect(reports.at(-1)!.targets[0]).toMatchObject({ delivered: 0, failed: 0, waiting: 0 });
  });

  it("closes the ticket, with a comment, once the setting is fixed", async () => {
    sim.account.rootMfa = true;
    await scan();
    const rootMfa = await ticketOf("aws.iam.root_mfa");
    expect(rootMfa.status.name).toBe("Closed");
    expect(rootMfa.journals!.at(-1)!.notes).toContain("対象のリソースはすべて直りました");
    expect(rootMfa.journals!.at(-1)!.notes).toContain("解消: AWS account 123456789012");
    // Nothing else moved.
    expect((await ticketOf("aws.iam.root_access_keys")).journals).toEqual([]);
  });

  it("reopens the same ticket when the setting breaks again", async () => {
    sim.account.rootMfa = false;
    await scan();
    const rootMfa = await ticketOf("aws.iam.root_mfa");
    expect(rootMfa.status.name).toBe("New");
    expect(rootMfa.journals!.at(-1)!.notes).toContain("問題が再発しました");
    expect((await issues()).map((i) => i.id)).toEqual(firstIds);
  });

  it("adds a resource that starts failing to its check's ticket and lists it", async () => {
    sim.account.buckets.find((b) => b.name === "example-co-us-export")!.acl = [
      { granteeType: "Group", grantee: "http://acs.amazonaws.com/groups/global/AllUsers", permission: "READ" },
    ];
    await scan();
    const publicBuckets = await ticketOf("aws.s3.bucket_public");
    expect(publicBuckets.status.name).toBe("New");
    expect(publicBuckets.description).toContain("example-co-us-export");
    expect(publicBuckets.journals!.at(-1)!.notes).toContain("新たに検出: example-co-us-export");
    expect((await issues()).map((i) => i.id)).toEqual(firstIds);
  });

  it("loses nothing while Redmine is down during a scan, and the next run delivers each update once", async () => {
    await redmine.stop();
    sim.account.rootMfa = true;
    const down = await scan();
    expect(reports.at(-1)!.targets[0]).toMatchObject({ delivered: 0, failed: 1 });
    expect(reports.at(-1)!.targets[0]!.problems[0]).toMatch(/ECONNREFUSED/);
    expect(reports.at(-1)!.targets[0]!.problems[0]).not.toContain(redmine.apiKey);
    // Stored before delivery, kept after the failure; the feed was written all the same.
    expect(await outbox()).toEqual([expect.objectContaining({ attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED/) })]);
    expect(down.findings.find((f) => f.checkId === "aws.iam.root_mfa")).toMatchObject({ status: "pass", state: "resolved" });

    await redmine.start();
    const next = await scan();
    expect(next.tickets).toEqual({ retrying: 1, dead: [] });
    expect(await outbox()).toEqual([]);
    const rootMfa = await ticketOf("aws.iam.root_mfa");
    expect(rootMfa.status.name).toBe("Closed");
    expect(rootMfa.journals!.filter((j) => j.notes.includes("対象のリソースはすべて直りました"))).toHaveLength(2);

    await scan();
    expect((await ticketOf("aws.iam.root_mfa")).journals).toHaveLength(rootMfa.journals!.length);
    expect((await issues()).map((i) => i.id)).toEqual(firstIds);
    // Redmine boots again in the middle of it.
  }, REDMINE_BOOT_MS + 300_000);

  it("finds the ticket it created before a crash kept it from recording the key, instead of opening another", async () => {
    const keys = join(data, "example-co", "tickets", "keys.json");
    const box = join(data, "example-co", "tickets", "outbox.json");
    sim.account.administratorAccess.users.push("ci-deploy", "old-contractor");
    clock += DAY;
    // The scan stores its update; delivery is left for later.
    await scanTenant({
      tenant, store: new FsFeedStore(data), credentials: { aws: SIMULATOR_CREDENTIALS }, now: () => new Date(clock), tickets: sync(EnqueueOnly),
    });
    expect(await outbox()).toHaveLength(1);
    await copyFile(keys, `${keys}.before`);
    await copyFile(box, `${box}.before`);

    await sync().deliver(tenant);
    const created = await ticketOf("aws.iam.administrator_count");
    expect(created.subject).toContain("管理者権限を持つユーザーが適切な人数");
    // The crash: Redmine has the ticket, cloud15's records are as before the delivery.
    await copyFile(`${keys}.before`, keys);
    await copyFile(`${box}.before`, box);

    await sync().deliver(tenant);
    expect((await issues()).filter((i) => i.description.includes(ticketMarker(groupIdOf("example-co", "check", { id: "", checkId: "aws.iam.administrator_count" }))))).toHaveLength(1);
    expect(await outbox()).toEqual([]);
    const recorded = JSON.parse(await readFile(keys, "utf8")) as { targets: { redmine: { tickets: Record<string, { key: string }> } } };
    expect(Object.values(recorded.targets.redmine.tickets).map((t) => t.key)).toContain(String(created.id));
  });
});
