import { setFlagsFromString } from "node:v8";
import { SEVERITIES, type Severity } from "../../checks/framework.ts";
import { loadConfig } from "../../config/load.ts";
import { FsAnswerStore } from "../../store/fs-answer-store.ts";
import { DEFAULT_HISTORY_DAYS, FsFeedStore } from "../../store/fs-feed-store.ts";
import { loadRunScans, type Command } from "../command.ts";
import { cliTicketSync } from "../ticket-sync.ts";
import { outputLanguage } from "../language.ts";
import { parseCommandArgs, parsePositiveInt, UsageError } from "../usage-error.ts";

export const scanCommand: Command = {
  name: "scan",
  usage: `Usage: cloud15 scan --config FILE [--tenant ID] [--data DIR] [--fail-on SEVERITY] [--concurrency N]
                    [--lang ja|en] [--history-days N]

Scans each tenant of the config (or only --tenant), writes DATA/<tenant>/feed.json and a copy
in DATA/<tenant>/history/, and prints a summary per tenant: the headline, then the
problems grouped by what to do, worst first (at most 10 groups, 100 columns). Progress goes
to stderr. Files in DATA are readable by the user running cloud15 only.

Options:
  --config FILE        the config file (see "cloud15 schema --config")
  --tenant ID          scan only this tenant
  --data DIR           where feeds are kept (default ./data)
  --fail-on SEVERITY   exit 3 when a finding fails at this severity or worse:
                       ${SEVERITIES.join(", ")}
  --concurrency N      at most N API calls in flight per provider, for AWS per service
                       (default: each provider's own; AWS adapts per service, S3 64)
  --lang ja|en         the summary's language (default: en when LANG is English, else ja)
  --history-days N     delete history older than N days when a scan is stored
                       (default ${DEFAULT_HISTORY_DAYS}, as the Lambda deployment's bucket)
  -h, --help           show this help

Credentials come from the environment (the AWS SDK's default chain); a tenant with
aws.roleArn is scanned through that role. The config holds no secrets.

After each scan, what changed goes to the tenant's ticket targets (tenants[].tickets); what a
tracker did not take waits in DATA/<tenant>/tickets/ for the next run or "cloud15 tickets".

Exit codes (when several apply, the first in this list):
  1  the scan could not run, or read nothing of a tenant: no provider could be reached.
     Its feed keeps the previous results, marked stale (docs/stale-results.md).
  2  bad usage or bad config (nothing in DATA changes)
  3  findings at or above --fail-on
  4  the scan ran but did not read everything: a permission was denied, or a provider
     could not be reached (its previous results are kept, marked stale)
  0  the scan read everything`,

  async run(args) {
    const { values } = parseCommandArgs(args, {
      config: { type: "string" },
      tenant: { type: "string" },
      data: { type: "string", default: "./data" },
      "fail-on": { type: "string" },
      concurrency: { type: "string" },
      lang: { type: "string" },
      "history-days": { type: "string" },
    });
    if (!values.config) throw new UsageError("--config FILE is required");
    const failOn = values["fail-on"];
    if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) {
      throw new UsageError(`--fail-on expects one of ${SEVERITIES.join(", ")}, got ${JSON.stringify(failOn)}`);
    }
    const concurrency = parsePositiveInt(values.concurrency, "--concurrency", 256);
    const lang = outputLanguage(values.lang);
    const historyDays = parsePositiveInt(values["history-days"], "--history-days", 36_500);

    const config = await loadConfig(values.config);
    const tenants = values.tenant === undefined ? config.tenants : config.tenants.filter((t) => t.id === values.tenant);
    if (tenants.length === 0) {
      throw new UsageError(`no tenant ${JSON.stringify(values.tenant)} in ${values.config} (it has: ${config.tenants.map((t) => t.id).join(", ")})`);
    }
    // A scan allocates fast and briefly (each call's request and answer); V8 would let the old
    // generation grow several times the live data before collecting it, and the young one to
    // 16 MB. Collecting sooner keeps the moto benchmark's scan (300 buckets, 300 users) at
    // 95 MB instead of 145 for ~1 s more CPU; the young generation kept at its first size
    // (growth factor 1: these flags are read while the scan runs, the size flags only at start)
    // saves 14 MB of that and no CPU.
    setFlagsFromString("--optimize-for-size");
    setFlagsFromString("--semi-space-growth-factor=1");
    // TurboFan, V8's optimising compiler, pays back only on loops over a great many items: a
    // Workspace's 200,000 files take 20-30% more CPU without it. An AWS or Microsoft scan
    // runs its code a few thousand times, and without TurboFan it used less CPU, not more
    // (moto bench: -15%; 5,000-user Microsoft tenant: -5 to -20%) and 6-7 MB less memory
    // (its compilations and their code).
    if (!tenants.some((t) => t.google !== undefined)) setFlagsFromString("--no-opt");
    const runScans = await loadRunScans();
    return runScans({
      tenants,
      store: new FsFeedStore(values.data, undefined, historyDays ? { historyDays } : {}),
      answers: new FsAnswerStore(values.data),
      lang,
      ...(concurrency ? { concurrency } : {}),
      ...(failOn ? { failOn: failOn as Severity } : {}),
      tickets: cliTicketSync(config, values.data),
    });
  },
};
