/**
 * Every HTTP call a function instance of the fleet benchmark awaits, to the customers'
 * simulators and to the deployment's own S3, DynamoDB and SQS alike: when it was sent and
 * when its answer came, seen through Node's diagnostics channels (node:http and https for the
 * AWS SDK and the Graph transport, undici for fetch, which the Google clients use), so no
 * client is changed. bench/fleet.ts replays the invocation's wait as if every call had been
 * answered in a fixed time (see `modelledBilledMs` there).
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";

export interface CallTimes {
  /** Calls answered during the invocation. */
  calls: number;
  /** Their answer times, summed. */
  callMs: number;
  /** Time during which at least one call was waiting for its answer. */
  coveredMs: number;
}

export class CallClock {
  private readonly sent = new WeakMap<object, number>();
  private spans: [number, number][] = [];
  private readonly channels: [string, (m: unknown) => void][];

  constructor() {
    const start = ({ request }: { request: object }) => { this.sent.set(request, performance.now()); };
    const answered = ({ request }: { request: object }) => {
      const at = this.sent.get(request);
      if (at === undefined) return;
      this.sent.delete(request);
      this.spans.push([at, performance.now()]);
    };
    this.channels = [
      ["http.client.request.start", start], ["http.client.response.finish", answered],
      ["undici:request:create", start], ["undici:request:headers", answered],
    ] as [string, (m: unknown) => void][];
    for (const [name, listener] of this.channels) subscribe(name, listener);
  }

  /** Stops timing calls. */
  close(): void {
    for (const [name, listener] of this.channels) unsubscribe(name, listener);
  }

  /** The calls answered since the last take, and a fresh start. */
  take(): CallTimes {
    const spans = this.spans.sort((a, b) => a[0] - b[0]);
    this.spans = [];
    let coveredMs = 0;
    let end = -Infinity;
    for (const [from, to] of spans) {
      if (to > end) coveredMs += to - Math.max(from, end);
      end = Math.max(end, to);
    }
    return { calls: spans.length, callMs: spans.reduce((n, [from, to]) => n + to - from, 0), coveredMs };
  }
}
