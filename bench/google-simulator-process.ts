/**
 * The simulated Workspace of the Google benchmark, in its own process so that its work does
 * not count against the scanner's wall time or memory. Prints one JSON line (where it is, its
 * throwaway key, and what a scan must at least call and find), then serves until killed.
 */
import { largeWorkspace } from "../simulator/google/example-co.ts";
import { visibilityOf, type SimFile } from "../simulator/google/model.ts";
import { startGoogleSimulator } from "../simulator/google/server.ts";

const [users = "2000", files = "200000", publicShare = "0.01", latencyMs = "20"] = process.argv.slice(2);
const workspace = largeWorkspace({ users: Number(users), files: Number(files), publicShare: Number(publicShare) });
const sim = await startGoogleSimulator({ workspace, latencyMs: Number(latencyMs) });

const isPublic = (f: SimFile) => visibilityOf(f.permissions).startsWith("anyone");
const active = workspace.users.filter((u) => !u.suspended && !u.archived);
const openDrives = workspace.sharedDrives.filter((d) => !d.domainUsersOnly);
const publicInDrives = openDrives.reduce((n, d) => n + d.files.filter(isPublic).length, 0);
const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
// With this API, the fewest calls that can answer every check: Drive can only be searched
// user by user (each needs its own token), and shared-drive items need permissions.list.
const minimum = {
  token: 7 + active.length,
  "users.list": pages(workspace.users.length, 500),
  "orgunits.list": 1,
  "policies.list": 1,
  "drives.list": pages(workspace.sharedDrives.length, 100),
  "files.list": active.reduce((n, u) => n + pages(u.files.filter(isPublic).length, 1000), 0)
    + openDrives.reduce((n, d) => n + pages(d.files.filter(isPublic).length, 1000), 0),
  "permissions.list": openDrives.length + publicInDrives,
  "alerts.list": pages(workspace.alerts.length, 100),
  "licenseAssignments.listForProduct": pages(workspace.users.filter((u) => u.skuId).length, 1000),
  "labels.list": pages(workspace.driveLabels.length, 200),
};
process.stdout.write(`${JSON.stringify({
  rootUrl: sim.rootUrl,
  tokenUrl: sim.tokenUrl,
  serviceAccountKey: sim.serviceAccountKey,
  adminEmail: workspace.users.find((u) => u.isAdmin)!.primaryEmail,
  minimum,
  publicFiles: active.reduce((n, u) => n + u.files.filter(isPublic).length, 0) + publicInDrives,
  totalFiles: workspace.users.reduce((n, u) => n + u.files.length, 0) + workspace.sharedDrives.reduce((n, d) => n + d.files.length, 0),
})}\n`);
process.on("SIGTERM", () => { void sim.stop().then(() => process.exit(0)); });
