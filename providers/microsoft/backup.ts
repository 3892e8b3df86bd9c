import type { Fact } from "../fact.ts";
import type { GraphCaller } from "./caller.ts";
import type { BackupState, BackupWorkload } from "./facts.ts";
import { parseBackupStatus } from "./parse.ts";

const WORKLOADS: Record<string, BackupWorkload> = {
  "#microsoft.graph.oneDriveForBusinessProtectionPolicy": "oneDrive",
  "#microsoft.graph.sharePointProtectionPolicy": "sharePoint",
  "#microsoft.graph.exchangeProtectionPolicy": "exchange",
};

/** Microsoft 365 Backup: whether the service is on, then (only if it is) its protection policies. */
export function getBackup(caller: GraphCaller): Promise<Fact<BackupState>> {
  return caller.fact("GetBackupRestore", async () => {
    const root = await caller.get<{ serviceStatus?: { status?: string } }>("GetBackupRestore", "/solutions/backupRestore");
    const serviceStatus = root.serviceStatus?.status ?? "(absent)";
    const service = parseBackupStatus(root.serviceStatus?.status);
    if (service === "off") return { serviceStatus, service, policies: [] };
    const policies = await caller.list<GraphPolicy>("ListProtectionPolicies", "/solutions/backupRestore/protectionPolicies");
    return {
      serviceStatus,
      service,
      policies: policies.flatMap((p) => {
        const workload = WORKLOADS[p["@odata.type"] ?? ""];
        return workload ? [{ workload, id: p.id, displayName: p.displayName ?? p.id, status: p.status ?? "unknown" }] : [];
      }),
    };
  });
}

interface GraphPolicy {
  "@odata.type"?: string;
  id: string;
  displayName?: string;
  status?: string;
}
