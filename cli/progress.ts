import { fill, type Language, type Text } from "../checks/text.ts";
import type { ScanProgress } from "../scan/scan-steps.ts";

export interface ProgressReporter {
  onProgress(event: ScanProgress): void;
  /** Clears the live line before anything else is written. */
  done(): void;
  /** The scan of a tenant finished: in a log, a last line says so, so a reader knows it did not stop half-way. */
  completed(tenantId: string, ms: number): void;
}

const COMPLETED: Text = { ja: "{tenant}: 点検が終わりました（{seconds} 秒）", en: "{tenant}: scan complete ({seconds} s)" };

/**
 * Scan progress on stderr, so stdout stays clean for the summary. On a terminal one live
 * line is rewritten; in a log (not a TTY) each step is announced once, not every tick, and
 * each tenant's scan ends with a completed line.
 */
export function progressReporter(lang: Language, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const line = (e: ScanProgress) => `${e.tenantId} ${e.provider}: ${e.step} ${e.done}/${e.total}`;
  if (stream.isTTY) {
    let live = false;
    return {
      onProgress(e) {
        stream.write(`\r\x1b[2K${line(e)}`);
        live = true;
      },
      done() {
        if (live) stream.write("\r\x1b[2K");
        live = false;
      },
      completed() {},
    };
  }
  const announced = new Set<string>();
  return {
    onProgress(e) {
      const key = `${e.tenantId}\0${e.provider}\0${e.step}`;
      if (announced.has(key)) return;
      announced.add(key);
      stream.write(`${line(e)}\n`);
    },
    done() {},
    completed(tenantId, ms) {
      stream.write(`${fill(COMPLETED, { tenant: tenantId, seconds: (ms / 1000).toFixed(1) })[lang]}\n`);
    },
  };
}
