import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { packageService } from "../../deploy/package-service.ts";

/**
 * `osls package --stage prod`, once per test run: the deployment's tests read the same template
 * and zips, and packaging takes seconds of CPU. The first file to ask builds it into the run's
 * folder (test/support/run-folder.ts); a file asking meanwhile, in another process, waits for it.
 * The folder is shared: read it, unzip elsewhere.
 */
export async function prodPackage(): Promise<string> {
  const run = inject("runFolder");
  const done = join(run, "package-prod");
  const failed = `${done}.failed`;
  try {
    await mkdir(`${done}.claimed`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    for (;;) {
      if (existsSync(done)) return done;
      if (existsSync(failed)) throw new Error(`osls package failed in another test file: ${await readFile(failed, "utf8")}`);
      await sleep(200);
    }
  }
  // Built aside and renamed into place: a waiting file never sees half a package.
  const work = await mkdtemp(join(run, "package-prod-"));
  try {
    await packageService({ stage: "prod", outDir: work });
  } catch (err) {
    await writeFile(failed, String(err));
    throw err;
  }
  await rename(work, done);
  return done;
}
