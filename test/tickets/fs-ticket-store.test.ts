import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FsTicketStore } from "../../tickets/fs-ticket-store.ts";
import type { OutboxEntry } from "../../tickets/outbox.ts";

let data: string;
beforeEach(async () => { data = await mkdtemp(join(tmpdir(), "cloud15-ticket-store-")); });
afterEach(async () => { await rm(data, { recursive: true, force: true }); });

const entry = (id: string, attempts = 0): OutboxEntry => ({
  id, targetId: id.split("/")[0]!, deliveryId: `d-${id}-${attempts}`, attempts, enqueuedAt: "2026-11-01T00:00:00.000Z",
  update: {
    groupId: "0".repeat(24), grouping: "check", tenant: { id: "example-co", name: "Example Co." },
    check: { id: "aws.iam.root_mfa", provider: "aws", severity: "critical", ipaItems: [9], title: { ja: "", en: "" }, detail: { ja: "", en: "" }, remediation: { steps: { ja: "", en: "" }, consolePath: { ja: "", en: "" } } },
    changes: [], affected: [], scan: { id: "s", at: "2026-11-01T00:00:00.000Z" },
  },
});

describe("FsTicketStore", () => {
  it("keeps the outbox in DATA/<tenant>/tickets/outbox.json, replacing entries by id and keeping the order", async () => {
    const store = new FsTicketStore(data);
    await store.putEntries("example-co", [entry("a/1"), entry("b/1")]);
    await store.putEntries("example-co", [entry("a/1", 2), entry("c/1")]);
    expect((await store.outbox("example-co")).map((e) => `${e.id}:${e.attempts}`)).toEqual(["a/1:2", "b/1:0", "c/1:0"]);
    await store.removeEntry("example-co", "b/1");
    const file = JSON.parse(await readFile(join(data, "example-co", "tickets", "outbox.json"), "utf8")) as { version: number; entries: OutboxEntry[] };
    expect(file.version).toBe(1);
    expect(file.entries.map((e) => e.id)).toEqual(["a/1", "c/1"]);
  });

  it("loses no write when targets record tickets side by side", async () => {
    const store = new FsTicketStore(data);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.putTicket("example-co", `t${i % 4}`, `g${i}`, {
      key: String(i), open: true, findings: [], unverified: [], deliveryId: `d${i}`, updatedAt: "2026-11-01T00:00:00.000Z",
    })));
    const keys = await Promise.all([0, 1, 2, 3].map(async (t) => Object.keys((await store.targetTickets("example-co", `t${t}`))!.tickets).length));
    expect(keys).toEqual([5, 5, 5, 5]);
  });

  it("enrolls a target once and reports an unknown one as not enrolled", async () => {
    const store = new FsTicketStore(data);
    expect(await store.targetTickets("example-co", "redmine")).toBeUndefined();
    await store.enroll("example-co", "redmine", "2026-11-01T00:00:00.000Z");
    await store.enroll("example-co", "redmine", "2026-12-01T00:00:00.000Z");
    expect(await store.targetTickets("example-co", "redmine")).toEqual({ enrolledAt: "2026-11-01T00:00:00.000Z", tickets: {} });
  });

  it("refuses to read a damaged outbox as empty, and leaves the file as it is", async () => {
    const folder = join(data, "example-co", "tickets");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "outbox.json"), "{\"version\":1,\"entries\":[{\"id\":");
    const store = new FsTicketStore(data);
    await expect(store.outbox("example-co")).rejects.toThrow(/outbox\.json is unreadable .* nothing in it is lost/);
    await expect(store.putEntries("example-co", [entry("a/1")])).rejects.toThrow(/unreadable/);
    expect(await readFile(join(folder, "outbox.json"), "utf8")).toBe("{\"version\":1,\"entries\":[{\"id\":");
  });

  it("accepts only the config's tenant ids as folder names", async () => {
    await expect(new FsTicketStore(data).outbox("../etc")).rejects.toThrow(/invalid tenant id/);
  });
});
