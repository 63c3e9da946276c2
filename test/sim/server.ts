// One HTTP server on 127.0.0.1 for every simulated service: the SigV4 credential scope says which service,
// region and account a request is for; faults and latency are applied before the service answers.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readAuthorization } from './auth';
import { CallLog } from './calls';
import { deliver, Writes, type Delivery } from './delivery';
import { ApiError, commonError, type CommonError } from './errors';
import { Faults, type FaultDecision } from './faults';
import { hugeStacks, padAtEnd, type PaddedAnswer } from './padding';
import { ec2Error, ec2Success } from './protocols/ec2';
import { JsonInput, jsonError, jsonMalformed, jsonSuccess, targetOperation } from './protocols/json';
import { QueryInput, queryError, querySuccess, xmlMalformed } from './protocols/query';
import type { Wire, WireResponse } from './protocols/wire';
import { rackApiAnswer } from './rackApi';
import { releasesAnswer } from './releases';
import { defaultInstallWorld } from './scenarios/install';
import { emptyRegion } from './scenarios/region';
import { autoScaling } from './services/autoscaling';
import { cloudFormation } from './services/cloudformation';
import { ec2 } from './services/ec2';
import { ecs } from './services/ecs';
import { ssm } from './services/ssm';
import { sts } from './services/sts';
import { events } from './services/events';
import { logs } from './services/logs';
import type { Context, PagingFault, Service } from './services/service';
import { advanceRegion } from './stackSchedule';
import type { Call, FaultRule, InstallWorld, Scenario, WriteStats } from './types';
import { worldOf, type World } from './world';

export interface SimulatorOptions {
  scenario: Scenario;
  /** 0 or absent: any free port. */
  port?: number;
  /** Added to every answer. */
  latencyMs?: number;
  /**
   * Also listen for HTTPS (self-signed) on 127.0.0.1, and make it the `Dashboard` host of racks installed from
   * then on, so that waiting for a new rack's API has something to reach.
   */
  dashboard?: boolean;
}

export interface Simulator {
  url: string;
  port: number;
  /** Where versions.json is served: `<url>/release/versions.json`. */
  releasesUrl: string;
  /** `127.0.0.1:PORT` of the HTTPS listener when `dashboard` was asked for. */
  dashboardHost?: string;
  /** The HTTPS listener's certificate (SHA-256 fingerprint), and a way to replace it with a new one, as a rack's may be. */
  dashboardCertificate?: {
    fingerprint(): string;
    replace(): Promise<string>;
    /** Connections made to the rack API so far. */ handshakes(): number;
  };
  scenario: Scenario;
  faults: { add(rule: FaultRule): void; clear(): void };
  calls: { all(): Call[]; count(filter?: Partial<Call>): number; reset(): void };
  /** How the answers went onto the wire; see WriteStats. */
  writes: { stats(): WriteStats; reset(): void };
  /** Changes to the scenario's world, seen by the next call; see World. */
  world: World;
  stop(): Promise<void>;
}

const services: Service[] = [cloudFormation, ecs, ec2, autoScaling, ssm, events, sts, logs];

/** Namespace AWS uses for errors raised before a service is known (e.g. authentication). */
const faultNamespace = 'http://webservices.amazon.com/AWSFault/2005-15-09';

// What a fault does when its rule leaves the setting out. A trickled byte every 50 ms comes well within any
// socket-idle timeout; 50 MB is more than any real DescribeStacks page.
const defaultTrickleGapMs = 50;
const defaultTrickleBytes = 1;
const defaultHugeBytes = 50 * 1024 * 1024;
const defaultHtmlStatus = 500;

/** What a proxy in front of AWS answers when it fails: HTML, not an AWS error. */
function htmlPage(status: number): WireResponse {
  const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
  return { status, headers: { 'content-type': 'text/html' }, body: `<html><body><h1>${title}</h1></body></html>` };
}

/** How the answer to a request that reached its service goes out, under the fault `decision` chose. */
function deliveryOf(decision: FaultDecision, answer: PaddedAnswer): Delivery {
  const rule = decision.rule;
  switch (decision.error) {
    case 'silence':
      return { kind: 'silent' };
    case 'stalledBody':
      return { kind: 'stalled' };
    case 'trickle':
      // At least a byte per write, or the answer would never end.
      return {
        kind: 'trickle',
        bytesPerWrite: Math.max(1, rule?.bytesPerWrite ?? defaultTrickleBytes),
        gapMs: rule?.gapMs ?? defaultTrickleGapMs,
      };
    case 'hugeAnswer':
      return {
        kind: 'padded',
        at: answer.at,
        fill: answer.fill,
        sizeBytes: rule?.sizeBytes ?? defaultHugeBytes,
        chunked: rule?.chunked ?? false,
      };
    default:
      return { kind: 'whole' };
  }
}

function errorResponse(wire: Wire, xmlns: string, error: ApiError, requestId: string): WireResponse {
  if (wire === 'awsJson1_1') return jsonError(error, requestId);
  if (wire === 'ec2Query') return ec2Error(error, requestId);
  return queryError(xmlns, error, requestId);
}

const xmlnsOf = (service: Service): string => (service.wire === 'awsJson1_1' ? faultNamespace : service.xmlns);

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function operationOf(service: Service, headers: http.IncomingHttpHeaders, body: string): string {
  const target = header(headers, 'x-amz-target');
  if (service.wire === 'awsJson1_1') return targetOperation(target, service.targetPrefix) ?? target ?? '';
  return QueryInput.parse(body, '').string('Action') ?? '';
}

/** Runs the operation; any ApiError it throws becomes the protocol's error answer. */
function invoke(service: Service, operation: string, context: Context, body: string, requestId: string): WireResponse {
  if (!Object.hasOwn(service.operations, operation)) {
    return errorResponse(
      service.wire,
      xmlnsOf(service),
      commonError('unknownOperation', service.wire, operation),
      requestId,
    );
  }
  try {
    if (service.wire === 'awsJson1_1') {
      return jsonSuccess(service.operations[operation](context, JsonInput.parse(body)), requestId);
    }
    const input = QueryInput.parse(body, service.wire === 'awsQuery' ? 'member' : '');
    const result = service.operations[operation](context, input);
    return service.wire === 'awsQuery'
      ? querySuccess(service.xmlns, operation, result, requestId)
      : ec2Success(service.xmlns, operation, result, requestId);
  } catch (thrown) {
    const error =
      thrown instanceof ApiError
        ? thrown
        : commonError('internal', service.wire, thrown instanceof Error ? thrown.message : String(thrown));
    return errorResponse(service.wire, xmlnsOf(service), error, requestId);
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { scenario } = options;
  scenario.install ??= defaultInstallWorld();
  // Read on every request: a test may replace the scenario's install world while the simulator runs.
  const install = (): InstallWorld => (scenario.install ??= defaultInstallWorld());
  let releasesBase = '';
  const faults = new Faults(scenario.faults);
  const calls = new CallLog();
  const writes = new Writes();
  const stopping = new AbortController();
  // Every answer held back or being delivered listens on this one signal: hundreds at once is expected, not a leak.
  setMaxListeners(0, stopping.signal);

  /** The answer, how long to hold it back and how to deliver it. */
  function answer(
    headers: http.IncomingHttpHeaders,
    body: string,
    requestId: string,
  ): { response: WireResponse; delayMs: number; delivery: Delivery } {
    const baseDelay = options.latencyMs ?? 0;
    const whole: Delivery = { kind: 'whole' };
    const auth = readAuthorization(headers.authorization);
    const guessedWire: Wire = header(headers, 'x-amz-target') ? 'awsJson1_1' : 'awsQuery';
    if (auth.kind !== 'ok') {
      const kind = auth.kind === 'missing' ? 'missingAuth' : 'incompleteSignature';
      return {
        response: errorResponse(guessedWire, faultNamespace, commonError(kind, guessedWire), requestId),
        delayMs: baseDelay,
        delivery: whole,
      };
    }
    const { scope } = auth;
    const service = services.find((candidate) => candidate.signingName === scope.service);
    if (!service) {
      const error = commonError('unknownOperation', guessedWire, `service ${scope.service} is not simulated`);
      return {
        response: errorResponse(guessedWire, faultNamespace, error, requestId),
        delayMs: baseDelay,
        delivery: whole,
      };
    }
    const operation = operationOf(service, headers, body);
    const account = scenario.accounts.find((candidate) => candidate.accessKeyIds.includes(scope.accessKeyId));
    const facts = {
      account: account?.id ?? '',
      accessKeyId: scope.accessKeyId,
      region: scope.region,
      service: scope.service,
      operation,
    };
    calls.record({ ...facts, at: new Date() });
    const decision = faults.decide(facts);
    const delayMs = baseDelay + decision.latencyMs;
    const fault = decision.error;
    const fail = (
      kind: CommonError,
      detail?: string,
    ): { response: WireResponse; delayMs: number; delivery: Delivery } => ({
      response: errorResponse(service.wire, xmlnsOf(service), commonError(kind, service.wire, detail), requestId),
      delayMs,
      delivery: whole,
    });
    if (fault === 'html')
      return { response: htmlPage(decision.rule?.status ?? defaultHtmlStatus), delayMs, delivery: whole };
    if (fault === 'malformed') {
      const response =
        service.wire === 'awsJson1_1' ? jsonMalformed(requestId) : xmlMalformed(service.xmlns, operation, requestId);
      return { response, delayMs, delivery: whole };
    }
    if (fault === 'denied') return fail('denied', `${scope.service}:${operation} on account ${facts.account}`);
    if (fault === 'throttle' || fault === 'expired' || fault === 'internal') return fail(fault);
    // What is left answers as the service does, then breaks that answer on its way.
    let served: PaddedAnswer;
    if (fault === 'hugeAnswer' && account && service === cloudFormation && operation === 'DescribeStacks') {
      served = hugeStacks({ account: account.id, region: scope.region }, requestId);
    } else if (account) {
      // A paging fault answers, but with tokens that never end the listing.
      const paging: PagingFault | undefined =
        fault === 'repeatingToken' || fault === 'endlessToken' ? fault : undefined;
      // Kept, so that a stack created in a region the scenario left empty is there for the next call.
      const data = (account.regions[scope.region] ??= emptyRegion());
      advanceRegion(data, new Date());
      const context: Context = {
        account: account.id,
        accessKeyId: scope.accessKeyId,
        region: scope.region,
        data,
        paging,
        install: install(),
        releasesBase,
      };
      served = padAtEnd(invoke(service, operation, context, body, requestId));
    } else {
      served = padAtEnd(fail('unrecognizedKey').response);
    }
    return { response: served.response, delayMs, delivery: deliveryOf(decision, served) };
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      if (request.method === 'GET' && request.url?.startsWith('/release/')) {
        const release = releasesAnswer(install(), request.url);
        calls.record({
          account: '',
          accessKeyId: '',
          region: '',
          service: 'releases',
          operation: request.url,
          at: new Date(),
        });
        response.writeHead(release.status, release.headers).end(release.body);
        return;
      }
      // For tests inside an extension host, which cannot reach this object: how many calls of an operation came.
      if (request.method === 'GET' && request.url?.startsWith('/calls?')) {
        const operation = new URL(request.url, 'http://simulator').searchParams.get('operation') ?? undefined;
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ count: calls.count({ operation }) }));
        return;
      }
      const { response: wire, delayMs, delivery } = answer(request.headers, body, randomUUID());
      if (delayMs > 0) await sleep(delayMs, undefined, { signal: stopping.signal });
      await deliver(response, wire, delivery, stopping.signal, writes);
    })().catch(() => {
      // The simulator is stopping or the client went away (a fault may have held the answer until then).
      response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  releasesBase = `http://127.0.0.1:${port}`;
  const dashboard = options.dashboard
    ? await startDashboard((request, body) => {
        const answer = rackApiAnswer(scenario, install(), request, body);
        // Only requests that reached the API with a password it knows: a refused certificate never gets here.
        if (answer.status !== 401)
          calls.record({
            account: '',
            accessKeyId: '',
            region: '',
            service: 'rackapi',
            operation: `${request.method} ${request.url}`,
            at: new Date(),
          });
        return answer;
      })
    : undefined;
  if (dashboard) {
    install().dashboardHost = dashboard.host;
    pointAtDashboard(scenario, dashboard.host);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    releasesUrl: `${releasesBase}/release/versions.json`,
    dashboardHost: dashboard?.host,
    dashboardCertificate: dashboard?.certificate,
    scenario,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    calls: { all: () => calls.all(), count: (filter) => calls.count(filter), reset: () => calls.reset() },
    writes: { stats: () => writes.stats(), reset: () => writes.reset() },
    world: worldOf(scenario),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping.abort();
        dashboard?.server.close();
        dashboard?.server.closeAllConnections();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The `Dashboard` (and `RackDomain`) output of the scenario's `dashboardRacks` becomes the HTTPS listener. */
function pointAtDashboard(scenario: Scenario, host: string): void {
  const names = new Set(scenario.dashboardRacks ?? []);
  for (const stack of scenario.accounts
    .flatMap((account) => Object.values(account.regions))
    .flatMap((region) => region.stacks)) {
    if (stack.parentId || !names.has(stack.name) || stack.tags.Type === 'app') continue;
    stack.outputs = stack.outputs.map((output) =>
      output.key === 'Dashboard' || output.key === 'RackDomain' ? { ...output, value: host } : output,
    );
  }
}

type RackApiHandler = (request: http.IncomingMessage, body: string) => { status: number; body: string; type: string };

async function selfSigned(): Promise<{ key: string; cert: string; fingerprint: string }> {
  const { generate } = await import('selfsigned');
  const { X509Certificate } = await import('node:crypto');
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keyType: 'ec' });
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

/**
 * A rack API as a rack's load balancer answers it: HTTPS with a self-signed certificate (as older racks have) on
 * 127.0.0.1; without the right password, 401, as a new rack's API answers before it runs.
 */
async function startDashboard(
  handle: RackApiHandler,
): Promise<{ server: https.Server; host: string; certificate: NonNullable<Simulator['dashboardCertificate']> }> {
  let current = await selfSigned();
  const server = https.createServer({ key: current.key, cert: current.cert }, (request, response) => {
    void readBody(request)
      .then((body) => {
        const answer = handle(request, body);
        const challenge = answer.status === 401 ? { 'www-authenticate': 'Basic realm="convox"' } : {};
        response.writeHead(answer.status, { 'content-type': answer.type, ...challenge }).end(answer.body);
      })
      .catch(() => response.destroy());
  });
  let handshakes = 0;
  server.on('connection', () => handshakes++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const certificate = {
    fingerprint: () => current.fingerprint,
    handshakes: () => handshakes,
    replace: async () => {
      current = await selfSigned();
      server.setSecureContext({ key: current.key, cert: current.cert });
      // Connections kept alive would go on with the old certificate.
      server.closeAllConnections();
      return current.fingerprint;
    },
  };
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, certificate };
}
