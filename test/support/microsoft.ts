import { DEFAULT_POLICY, type CheckContext, type CheckResult } from "../../checks/framework.ts";
import { MICROSOFT_CHECKS } from "../../checks/microsoft/index.ts";
import type { MicrosoftTenantConfig } from "../../config/schema.ts";
import { collectMicrosoftFacts, type MicrosoftCollectOptions } from "../../providers/microsoft/collect.ts";
import type { DeltaState, DeltaStateStore } from "../../providers/microsoft/delta-state.ts";
import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { EXAMPLE_CO_CLIENT_ID, EXAMPLE_CO_CLIENT_SECRET, EXAMPLE_CO_TENANT_ID } from "../../simulator/microsoft/example-co.ts";
import type { MicrosoftSimulator } from "../../simulator/microsoft/server.ts";
import { runChecks, statusOf } from "./run-checks.ts";

export function microsoftConfig(sim: MicrosoftSimulator, overrides: Partial<MicrosoftTenantConfig> = {}): MicrosoftTenantConfig {
  return { tenantId: EXAMPLE_CO_TENANT_ID, clientId: EXAMPLE_CO_CLIENT_ID, graphUrl: sim.origin, authorityHost: sim.origin, ...overrides };
}

/** Collects from the simulator with the real Graph client and the app sign-in, trusting its certificate; retries kept short. */
export function collectFrom(sim: MicrosoftSimulator, opts: Partial<MicrosoftCollectOptions> = {}, config: Partial<MicrosoftTenantConfig> = {}) {
  return collectMicrosoftFacts(microsoftConfig(sim, config), {
    secrets: { clientSecret: EXAMPLE_CO_CLIENT_SECRET },
    ownerPolicy: { anyoneLinks: "not_allowed" },
    retry: { retries: 3, minTimeoutMs: 20 },
    ...opts,
    tuning: { caCertificatePem: sim.caCertificatePem, ...opts.tuning },
  });
}

export function microsoftContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    tenantId: "example-co",
    tenantResource: { uid: `entra:tenants/${EXAMPLE_CO_TENANT_ID}`, name: "Microsoft 365", type: "Microsoft.Entra/Tenant" },
    now: new Date(),
    policy: DEFAULT_POLICY,
    ...overrides,
  };
}

/** Runs every Microsoft check through the framework; results keyed by check id. */
export function runMicrosoftChecks(facts: MicrosoftFacts, ctx = microsoftContext()): Record<string, CheckResult[]> {
  return runChecks(MICROSOFT_CHECKS, facts, ctx);
}

export { statusOf };

/** Keeps the delta state in memory between scans of a test. */
export class MemoryDeltaStore implements DeltaStateStore {
  state: DeltaState | undefined;
  saves = 0;

  async load(): Promise<unknown> {
    return this.state === undefined ? undefined : structuredClone(this.state);
  }

  async save(state: DeltaState): Promise<void> {
    this.state = structuredClone(state);
    this.saves++;
  }
}

export const TANAKA_UPN = "tanaka@example-co.onmicrosoft.com";
