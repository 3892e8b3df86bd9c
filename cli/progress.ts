import type { ScanProgress } from "../scan/scan-steps.ts";

export interface ProgressReporter {
  onProgress(event: ScanProgress): void;
  /** Clears the live line before anything else is written. */
  done(): void;
}

/**
 * Scan progress on stderr, so stdout stays clean for the summary. On a terminal one live
 * line is rewritten; in a log (not a TTY) each step is announced once, not every tick.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
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
  };
}
