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
  /**
   * The covered time counted in calls: each moment of it is shared among the calls then
   * outstanding, and each call's share is divided by that call's own answer time. Calls one
   * after another count one each, k at once 1/k each; where they mix it is an estimate. A
   * cross-check of `chainCalls` that does not depend on which call followed which.
   */
  waitedCalls: number;
  /**
   * The longest chain of calls each sent after the one before it was answered: a call's
   * predecessor is the call answered last before it was sent (what a concurrency limit or an
   * `await` waits for), or none. Calls k at once through a limit of k make chains of n/k.
   * `chainCalls × latencyMs` is the invocation's wait had every call been answered in
   * `latencyMs`, whatever order and speed the answers came in here.
   */
  chainCalls: number;
  /** The deployment's own S3, DynamoDB and SQS (at `AWS_ENDPOINT_URL`): calls and their answer times, summed. */
  own: { calls: number; callMs: number };
}

type Span = { from: number; to: number; own: boolean };

export class CallClock {
  private readonly sent = new WeakMap<object, { at: number; own: boolean }>();
  private spans: Span[] = [];
  private readonly channels: [string, (m: unknown) => void][];

  /** `ownHost`: host:port of the deployment's own services, whose calls are also counted apart. */
  constructor(ownHost = hostOf(process.env.AWS_ENDPOINT_URL)) {
    const sent = (request: object, host: string | undefined) => { this.sent.set(request, { at: performance.now(), own: host !== undefined && host === ownHost }); };
    const answered = ({ request }: { request: object }) => {
      const call = this.sent.get(request);
      if (call === undefined) return;
      this.sent.delete(request);
      this.spans.push({ from: call.at, to: performance.now(), own: call.own });
    };
    this.channels = [
      ["http.client.request.start", ({ request }: { request: { getHeader(name: string): unknown } }) => sent(request, String(request.getHeader("host")))],
      ["http.client.response.finish", answered],
      ["undici:request:create", ({ request }: { request: { origin: string } }) => sent(request, hostOf(request.origin))],
      ["undici:request:headers", answered],
    ] as [string, (m: unknown) => void][];
    for (const [name, listener] of this.channels) subscribe(name, listener);
  }

  /** Stops timing calls. */
  close(): void {
    for (const [name, listener] of this.channels) unsubscribe(name, listener);
  }

  /** The calls answered since the last take, and a fresh start. */
  take(): CallTimes {
    const spans = this.spans;
    this.spans = [];
    const shares = sharedWait(spans);
    const own = spans.filter((s) => s.own);
    return {
      calls: spans.length,
      callMs: spans.reduce((n, s) => n + s.to - s.from, 0),
      coveredMs: shares.reduce((n, ms) => n + ms, 0),
      waitedCalls: spans.reduce((n, s, i) => n + ratio(shares[i]!, s), 0),
      chainCalls: longestChain(spans),
      own: { calls: own.length, callMs: own.reduce((n, s) => n + s.to - s.from, 0) },
    };
  }
}

/** A call's share of the covered time over its answer time; a call answered at once (same tick) counts as waited out whole. */
function ratio(share: number, s: Span): number {
  return s.to > s.from ? share / (s.to - s.from) : 1;
}

/** Each call's share of the covered time: every moment split equally among the calls then outstanding. Sums to the covered time. */
function sharedWait(spans: readonly Span[]): number[] {
  const events = timeline(spans);
  const shares = spans.map(() => 0);
  const open = new Set<number>();
  let last = 0;
  for (const e of events) {
    if (open.size > 0 && e.at > last) for (const i of open) shares[i]! += (e.at - last) / open.size;
    last = e.at;
    if (e.open) open.add(e.i);
    else open.delete(e.i);
  }
  return shares;
}

/** Calls in the longest chain where each call follows the one answered last before it was sent. */
function longestChain(spans: readonly Span[]): number {
  const events = timeline(spans);
  const depth = spans.map(() => 0);
  let answeredLast = 0;
  let longest = 0;
  for (const e of events) {
    if (e.open) depth[e.i] = answeredLast + 1;
    else {
      answeredLast = depth[e.i]!;
      longest = Math.max(longest, answeredLast);
    }
  }
  return longest;
}

/** Every call's sending and answer in time order; at one instant an answer comes before a sending (it may have caused it). */
function timeline(spans: readonly Span[]): { at: number; i: number; open: boolean }[] {
  return spans.flatMap((s, i) => [{ at: s.from, i, open: true }, { at: s.to, i, open: false }])
    .sort((a, b) => a.at - b.at || Number(a.open) - Number(b.open));
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
