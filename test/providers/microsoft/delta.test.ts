import { afterEach, describe, expect, it } from "vitest";
import { anyoneLink, file } from "../../../simulator/microsoft/build.ts";
import { exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import { changeItem, changeSharing, expireDeltaTokens, type SimDrive } from "../../../simulator/microsoft/model.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator, type MicrosoftSimulatorOptions } from "../../../simulator/microsoft/server.ts";
import { FULL_RECHECK_DAYS } from "../../../providers/microsoft/files.ts";
import { collectFrom, MemoryDeltaStore, runMicrosoftChecks } from "../../support/microsoft.ts";

let sim: MicrosoftSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function start(opts: Partial<MicrosoftSimulatorOptions> = {}) {
  sim = await startMicrosoftSimulator({ tenant: exampleCoTenant(), ...opts });
  return sim;
}

function driveOf(s: MicrosoftSimulator, path: string): SimDrive {
  return s.tenant.sites.find((site) => site.webUrl.endsWith(path))!.drives[0]!;
}

async function scan(state: MemoryDeltaStore, opts: Parameters<typeof collectFrom>[1] = {}) {
  sim!.resetCalls();
  const collection = await collectFrom(sim!, { state, ...opts });
  const crawl = collection.facts.sharedFiles?.ok ? collection.facts.sharedFiles.value : undefined;
  return { collection, crawl, results: runMicrosoftChecks(collection.facts) };
}

const anyoneStatuses = (results: ReturnType<typeof runMicrosoftChecks>) =>
  Object.fromEntries(results["microsoft.files.anyone_link"]!.map((r) => [r.resource.name, r.status]));

describe("OneDrive and SharePoint crawl with delta, across scans", () => {
  it("reads every drive once, then only the changes: no permission read for files that did not change", async () => {
    await start();
    const state = new MemoryDeltaStore();
    const first = await scan(state);
    const drives = first.crawl!.stats.drives;
    expect(first.crawl!.stats.incremental).toBe(0);
    expect(first.collection.apiCalls.ListItemPermissions).toBe(7);

    const second = await scan(state);
    expect(second.crawl!.stats).toEqual({ drives, incremental: drives, resynced: 0, interrupted: 0, rechecked: 0 });
    expect(second.collection.apiCalls.DriveDelta).toBe(drives);
    expect(second.collection.apiCalls.ListItemPermissions).toBeUndefined();
    expect(anyoneStatuses(second.results)).toEqual(anyoneStatuses(first.results));
  });

  it("picks up a change of sharing alone (a new Anyone link on an old file, a link removed), reading permissions of those files only", async () => {
    await start();
    const state = new MemoryDeltaStore();
    await scan(state);
    const sales = driveOf(sim!, "/sites/sales");
    const figures = sales.items.find((i) => i.name === "売上実績.xlsx")!;
    changeSharing(sales, figures.id, [anyoneLink("edit")]);
    const suzukiDrive = sim!.tenant.sites.find((s) => s.displayName === "鈴木 花子")!.drives[0]!;
    changeSharing(suzukiDrive, suzukiDrive.items[1]!.id, []);

    const { collection, results } = await scan(state);
    // The newly shared file, and the known shared file whose sharing changed: nothing else.
    expect(collection.apiCalls.ListItemPermissions).toBe(2);
    const statuses = anyoneStatuses(results);
    expect(statuses["営業部 / Documents / 売上実績.xlsx"]).toBe("fail");
    expect(statuses["鈴木 花子 / 顧客リスト.xlsx"]).toBeUndefined();
    expect(results["microsoft.files.anyone_edit_link"]!.find((r) => r.resource.name.endsWith("売上実績.xlsx"))!.status).toBe("fail");
  });

  it("on 410 Gone reads that drive whole again from Graph's Location, and keeps its verdicts", async () => {
    await start();
    const state = new MemoryDeltaStore();
    const first = await scan(state);
    expireDeltaTokens(driveOf(sim!, "/sites/sales"));
    const second = await scan(state);
    expect(second.crawl!.stats.resynced).toBe(1);
    expect(second.collection.apiCalls.DriveDelta).toBe(first.crawl!.stats.drives + 1);
    expect(second.collection.apiCalls.ListItemPermissions).toBe(2);
    expect(anyoneStatuses(second.results)).toEqual(anyoneStatuses(first.results));
  });

  it("keeps a checkpoint when Graph asks for a wait past the deadline, and the next run resumes from it", async () => {
    await start({ pageSizes: { delta: 2 } });
    const site = sim!.tenant.sites.find((s) => s.displayName === "田中 太郎")!;
    const onedrive = site.drives[0]!;
    for (let i = 1; i <= 5; i++) file(onedrive, `見積_${i}.xlsx`, [anyoneLink("view")]);
    // A OneDrive's first delta page is read through its site; the next links name the drive.
    sim!.faults.push({ operation: "DriveDelta", resource: onedrive.id, kind: "Throttled", retryAfterSeconds: 600, times: 1 });
    const state = new MemoryDeltaStore();

    // Far below the 600 s asked for, far above what the scan takes on a busy machine.
    const cut = await scan(state, { deadline: new Date(Date.now() + 120_000) });
    expect(cut.collection.errors).toContainEqual(expect.objectContaining({ operation: "DriveDelta", code: "Throttled" }));
    const saved = state.state!.drives[`sites/${site.id}/drive`]!;
    expect(saved.complete).toBe(false);
    expect(saved.cursor).toMatch(/^\/drives\/.+\/root\/delta\?token=/);
    const tanaka = cut.results["microsoft.files.anyone_link"]!.filter((r) => r.resource.name.startsWith("田中 太郎"));
    expect(tanaka.map((r) => r.status)).toEqual(["error"]);
    expect(tanaka[0]!.reason!.en).toContain("longer than this run has left");

    const resumed = await scan(state);
    expect(resumed.collection.errors).toEqual([]);
    expect(sim!.calls.DriveDelta).toBe(resumed.crawl!.stats.drives - 1 + 3);
    const statuses = anyoneStatuses(resumed.results);
    for (let i = 1; i <= 5; i++) expect(statuses[`田中 太郎 / 見積_${i}.xlsx`]).toBe("fail");
    expect(statuses["田中 太郎 / 見積書_2026.xlsx"]).toBe("fail");
  });

  it("reads each drive whole again once its last full read is a week old, so a change delta never showed cannot keep a pass", async () => {
    await start();
    const state = new MemoryDeltaStore();
    await scan(state);
    // A change the service never reports in delta: only a full read can see it.
    const sales = driveOf(sim!, "/sites/sales");
    sales.items.find((i) => i.name === "売上実績.xlsx")!.permissions = [anyoneLink("edit")];
    const missed = await scan(state);
    expect(anyoneStatuses(missed.results)["営業部 / Documents / 売上実績.xlsx"]).toBeUndefined();

    for (const drive of Object.values(state.state!.drives)) drive.fullCrawlAt = new Date(Date.now() - (FULL_RECHECK_DAYS + 1) * 86_400_000).toISOString();
    const rechecked = await scan(state);
    expect(rechecked.crawl!.stats.rechecked).toBe(rechecked.crawl!.stats.drives);
    expect(rechecked.crawl!.stats.incremental).toBe(0);
    expect(anyoneStatuses(rechecked.results)["営業部 / Documents / 売上実績.xlsx"]).toBe("fail");
    expect(Date.parse(state.state!.drives[`drives/${sales.id}`]!.fullCrawlAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("reads every drive in full when the saved state is not one it can use", async () => {
    await start();
    const state = new MemoryDeltaStore();
    state.state = { version: 2, drives: "corrupt" } as never;
    const { crawl, collection } = await scan(state);
    expect(collection.errors).toEqual([]);
    expect(crawl!.stats.incremental).toBe(0);
    expect(state.saves).toBe(1);
  });

  it("crawls drives while the site listing still pages, and reports the files as error, not pass, when the listing fails half-way, forgetting no saved drive", async () => {
    await start({ pageSizes: { sites: 3 } });
    const state = new MemoryDeltaStore();
    const first = await scan(state);
    expect(first.collection.apiCalls.ListSites).toBe(Math.ceil(sim!.tenant.sites.length / 3));
    const savedDrives = Object.keys(state.state!.drives).sort();
    expect(savedDrives).toHaveLength(first.crawl!.stats.drives);

    // Once the first page's drives are under way, Graph refuses the next page.
    let refused = false;
    const cut = await scan(state, {
      onProgress: (e) => {
        if (e.step !== "drives" || refused) return;
        refused = true;
        sim!.faults.push({ operation: "ListSites", kind: "Denied" });
      },
    });
    expect(cut.collection.apiCalls.DriveDelta).toBeGreaterThan(0);
    expect(cut.collection.facts.sites.ok).toBe(false);
    expect(cut.collection.facts.sharedFiles).toMatchObject({ ok: false, error: { operation: "ListSites", code: "Authorization_RequestDenied" } });
    expect(cut.results["microsoft.files.anyone_link"]!.map((r) => r.status)).toEqual(["error"]);
    expect(Object.keys(state.state!.drives).sort()).toEqual(savedDrives);
  });
});
