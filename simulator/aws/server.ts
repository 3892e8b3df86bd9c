import http from "node:http";
import type { AddressInfo } from "node:net";
import { waitUntil } from "../wait-until.ts";
import { closeSimulator, simulatorListener } from "../http.ts";
import { accessAnalyzerService } from "./access-analyzer.ts";
import { accountService } from "./account.ts";
import { backupService } from "./backup.ts";
import { cloudTrailService } from "./cloudtrail.ts";
import { dynamoDbService } from "./dynamodb.ts";
import { ec2Service } from "./ec2.ts";
import { efsService } from "./efs.ts";
import { faultError, takeFault, type AwsFault } from "./faults.ts";
import { guardDutyService } from "./guardduty.ts";
import { iamService } from "./iam.ts";
import { macieService } from "./macie.ts";
import type { SimAwsAccount } from "./model.ts";
import { rdsService } from "./rds.ts";
import { s3Service } from "./s3.ts";
import { s3ControlService } from "./s3-control.ts";
import { callerArn, stsService } from "./sts.ts";
import { supportService } from "./support.ts";
import { taggingService } from "./tagging.ts";
import { AwsError, type SimContext, type SimRequest, type SimResponse, type SimService, type SimState } from "./wire.ts";

export type { AwsFault, AwsFaultKind } from "./faults.ts";

export interface AwsSimulator {
  /** `http://host:port`: the `endpoint` for every SDK client. */
  endpoint: string;
  port: number;
  /** Live and mutable: tests change settings between scans. */
  account: SimAwsAccount;
  /** Requests by SDK operation name, faulted ones included. */
  calls: Record<string, number>;
  /** Mutable: tests add and remove faults between calls. */
  faults: AwsFault[];
  resetCalls(): void;
  stop(): Promise<void>;
}

export interface AwsSimulatorOptions {
  account: SimAwsAccount;
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  /** Delay before every answer, errors included. */
  latencyMs?: number;
  faults?: AwsFault[];
}

const SERVICES: Record<string, SimService> = {
  s3: s3Service, iam: iamService, sts: stsService, backup: backupService, tagging: taggingService,
  "cloudtrail": cloudTrailService, "access-analyzer": accessAnalyzerService, "account": accountService,
  "support": supportService, "macie2": macieService,
  ec2: ec2Service, rds: rdsService, dynamodb: dynamoDbService, elasticfilesystem: efsService, guardduty: guardDutyService,
};

/**
 * One listener for one account. AWS tells services apart by host name; a single local
 * endpoint cannot, so it reads the SigV4 credential scope (`…/ap-northeast-1/s3/aws4_request`)
 * and, for S3 Control, which also signs as `s3`, its /v20180820/ paths.
 */
export async function startAwsSimulator(opts: AwsSimulatorOptions): Promise<AwsSimulator> {
  const state: SimState = { credentialReport: "none", sessions: new Map() };
  const server = http.createServer(simulatorListener(answer));

  const delay = () => waitUntil(performance.now() + (opts.latencyMs ?? 0));

  async function answer(req: http.IncomingMessage, body: string): Promise<SimResponse | undefined> {
    const request = parseRequest(req, body);
    const service = request && serviceOf(request);
    if (request === undefined || service === undefined) {
      await delay();
      return unsigned();
    }
    const ctx: SimContext = { account: sim.account, state };
    const route = service.route(request, ctx);
    sim.calls[route.operation] = (sim.calls[route.operation] ?? 0) + 1;
    const fault = takeFault(sim.faults, service.name, route, request.region);
    await delay();
    if (fault?.kind === "Hang") return undefined;
    if (fault !== undefined) return service.error(faultError(fault.kind, service.name, route, callerArn(request, ctx)));
    try {
      return route.respond();
    } catch (err) {
      if (err instanceof AwsError) return service.error(err);
      throw err;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? "127.0.0.1";
  const sim: AwsSimulator = {
    endpoint: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    account: opts.account,
    calls: {},
    faults: opts.faults ?? [],
    resetCalls() {
      for (const operation of Object.keys(sim.calls)) delete sim.calls[operation];
    },
    stop: () => closeSimulator(server),
  };
  return sim;
}

function parseRequest(req: http.IncomingMessage, body: string): SimRequest | undefined {
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? "");
  if (scope === null) return undefined;
  const url = new URL(req.url ?? "/", "http://simulator");
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    accessKeyId: scope[1]!,
    region: scope[2]!,
    signingService: scope[3]!,
  };
}

function serviceOf(req: SimRequest): SimService | undefined {
  if (req.signingService === "s3" && req.path.startsWith("/v20180820/")) return s3ControlService;
  return SERVICES[req.signingService];
}

/** Without a SigV4 scope the simulator cannot tell the service; AWS would deny it anyway. */
function unsigned(): SimResponse {
  return {
    status: 403,
    headers: { "content-type": "application/xml" },
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>' +
      "<Message>The simulator serves SigV4-signed requests only (s3, iam, sts, backup, tagging, cloudtrail, " +
      "access-analyzer, account, support, macie2, ec2, rds, dynamodb, elasticfilesystem, guardduty)</Message></Error>",
  };
}
