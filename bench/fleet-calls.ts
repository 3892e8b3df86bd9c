/**
 * Every HTTP call a function instance of the fleet benchmark awaits, to the customers'
 * simulators and to the deployment's own S3, DynamoDB and SQS alike: when it was sent and
 * when its answer came, seen through Node's diagnostics channels (node:http and https for the
 * AWS SDK and the Graph transport, undici for fetch, which the Google clients use), so no
 * client is changed. bench/fleet.ts replays the invocation's wait as if every call had been
 * answered in a fixed time (see `modelledBilledMs` there).
 */
import { subscribe } from "node:diagnostics_channel";

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

  constructor() {
    const start = ({ request }: { request: object }) => { this.sent.set(request, performance.now()); };
    const answered = ({ request }: { request: object }) => {
      const at = this.sent.get(request);
      if (at === undefined) return;
      this.sent.delete(request);
      this.spans.push([at, performance.now()]);
    };
    subscribe("http.client.request.start", start as (m: unknown) => void);
    subscribe("http.client.response.finish", answered as (m: unknown) => void);
    subscribe("undici:request:create", start as (m: unknown) => void);
    subscribe("undici:request:headers", answered as (m: unknown) => void);
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
