import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { REDMINE_BOOT_MS } from "./busy-machine.ts";

/**
 * A real Redmine (Debian's `redmine` package) for the tests, served by thin on a free port with
 * its own copy of the database in a temporary folder. Where it is not installed the tests that
 * need it say so loudly and skip; on CI (CI=true) they fail instead, because .ci/run installs it.
 */
const REDMINE_HOME = "/usr/share/redmine";
const DEBIAN_DATABASE_YML = "/etc/redmine/default/database.yml";
const REDMINE_PROJECT = "cloud15";

export interface Redmine {
  url: string;
  /** The API key of Redmine's admin user. */
  apiKey: string;
  project: string;
  /** Stops thin by its own pid; the database stays, so `start` brings the same Redmine back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** GET against the REST API as the admin. */
  get<T>(path: string): Promise<T>;
  /** Removes the temporary folder; stops first if running. */
  dispose(): Promise<void>;
}

export function redmineInstalled(): boolean {
  const thin = spawnSync("sh", ["-c", "command -v thin"], { encoding: "utf8" }).status === 0;
  const found = existsSync(join(REDMINE_HOME, "bin", "rails")) && existsSync(DEBIAN_DATABASE_YML) && thin;
  if (!found) {
    const message = "Redmine is not installed: the end-to-end ticket tests against a real Redmine cannot run";
    if (process.env.CI === "true") throw new Error(message);
    console.warn(`\n*** ${message}; SKIPPING them. Install it with: apt-get install -y redmine redmine-sqlite thin ***\n`);
  }
  return found;
}

/**
 * Sets up once what every run needs — REST API on, a project, the admin's API key — on a copy
 * of the packaged database kept as a template in the system's temp folder; each start copies
 * the template (a file copy instead of a 3 s `rails runner`). The template is keyed by the
 * packaged database and this setup, so an upgrade or a change here makes a new one.
 */
export async function startRedmine(): Promise<Redmine> {
  const template = await redmineTemplate();
  const dir = await mkdtemp(join(tmpdir(), "cloud15-redmine-"));
  const database = join(dir, "redmine.sqlite3");
  await copyFile(template.database, database);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = "";

  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`, { headers: { "X-Redmine-API-Key": template.apiKey } });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };

  const start = async () => {
    if (child) return;
    log = "";
    const thin = spawn("thin", ["start", "-a", "127.0.0.1", "-p", String(port), "-e", "production"], {
      cwd: REDMINE_HOME,
      env: { ...process.env, RAILS_ENV: "production", DATABASE_URL: `sqlite3:${database}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = thin;
    const keep = (d: Buffer) => { log = (log + String(d)).slice(-4000); };
    thin.stdout!.on("data", keep);
    thin.stderr!.on("data", keep);
    // Ready at its first answer; an exit is seen at once. The deadline ends a thin that does neither.
    const deadline = Date.now() + REDMINE_BOOT_MS;
    for (;;) {
      if (thin.exitCode !== null) throw new Error(`thin exited with ${thin.exitCode}: ${log}`);
      try {
        await get("/issue_statuses.json");
        return;
      } catch {
        if (Date.now() > deadline) {
          await stop();
          throw new Error(`Redmine did not answer within ${REDMINE_BOOT_MS / 1000} s: ${log}`);
        }
        await sleep(200);
      }
    }
  };

  const stop = async () => {
    const running = child;
    if (!running) return;
    child = undefined;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    const timer = setTimeout(() => running.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url,
    apiKey: template.apiKey,
    project: REDMINE_PROJECT,
    start,
    stop,
    get,
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Idempotent: finds or creates, so a half-made template or a rerun does no harm. */
const SETUP = `
Setting.rest_api_enabled = '1'
admin = User.find_by_login('admin')
admin.update_columns(must_change_passwd: false)
project = Project.find_by_identifier('${REDMINE_PROJECT}') ||
  Project.create!(name: 'cloud15', identifier: '${REDMINE_PROJECT}', is_public: false,
                  enabled_module_names: ['issue_tracking'], tracker_ids: Tracker.pluck(:id))
puts "CLOUD15 " + { apiKey: admin.api_key, project: project.identifier }.to_json
`;

interface Template {
  database: string;
  apiKey: string;
}

async function redmineTemplate(): Promise<Template> {
  const packaged = packagedDatabase();
  const { size, mtimeMs } = statSync(packaged);
  const key = createHash("sha256").update(`${packaged}\0${size}\0${mtimeMs}\0${SETUP}`).digest("hex").slice(0, 16);
  const folder = join(tmpdir(), `cloud15-redmine-template-${key}`);
  const ready = join(folder, "setup.json");
  if (existsSync(ready)) {
    const { apiKey } = JSON.parse(await readFile(ready, "utf8")) as { apiKey: string };
    return { database: join(folder, "redmine.sqlite3"), apiKey };
  }
  // Built aside and renamed into place: a parallel test file never sees half a template.
  const work = await mkdtemp(join(tmpdir(), "cloud15-redmine-setup-"));
  const database = join(work, "redmine.sqlite3");
  await copyFile(packaged, database);
  const script = join(work, "setup.rb");
  await writeFile(script, SETUP);
  const run = spawnSync("bin/rails", ["runner", script], {
    cwd: REDMINE_HOME,
    env: { ...process.env, RAILS_ENV: "production", DATABASE_URL: `sqlite3:${database}` },
    encoding: "utf8",
    timeout: REDMINE_BOOT_MS,
  });
  const line = run.stdout?.split("\n").find((l) => l.startsWith("CLOUD15 "));
  if (run.status !== 0 || !line) throw new Error(`Redmine setup failed (${run.status}): ${run.stderr?.slice(-2000)}`);
  const { apiKey } = JSON.parse(line.slice("CLOUD15 ".length)) as { apiKey: string };
  await writeFile(join(work, "setup.json"), JSON.stringify({ apiKey }));
  await rm(script);
  try {
    await rename(work, folder);
  } catch {
    // Another test file made it first: theirs is as good as ours.
    await rm(work, { recursive: true, force: true });
  }
  const { apiKey: stored } = JSON.parse(await readFile(ready, "utf8")) as { apiKey: string };
  return { database: join(folder, "redmine.sqlite3"), apiKey: stored };
}

/** Where Debian's package put the SQLite database it set up (redmine-sqlite). */
function packagedDatabase(): string {
  const yml = readFileSync(DEBIAN_DATABASE_YML, "utf8");
  const adapter = /^\s*adapter:\s*(\S+)/m.exec(yml)?.[1];
  const database = /^\s*database:\s*(\S+)/m.exec(yml)?.[1];
  if (adapter !== "sqlite3" || !database) throw new Error(`${DEBIAN_DATABASE_YML} is not a SQLite setup (install redmine-sqlite)`);
  return database;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}
