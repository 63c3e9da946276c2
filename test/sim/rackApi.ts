// The rack API a rack serves at its `Dashboard` host, the parts `convox rack update`, `rack params set` and
// `rack scale` use: GET /system and PUT /system, with basic auth against the rack's password (its SSM
// RackApiSecret). A PUT updates the rack's stack as the rack does (UpdateStack with the changed values) and
// records a release on a version change.
import type * as http from 'node:http';
import { rackStatus } from '../../src/model/status';
import { busyMessage, planUpdate, valuesOf } from './rackUpdate';
import { advanceRegion, scheduleUpdate } from './stackSchedule';
import type { InstallWorld, RegionData, Scenario, Stack } from './types';

interface Found {
  stack: Stack;
  data: RegionData;
  account: string;
  region: string;
}

/** The rack whose password this is: each rack's API knows only its own (a simulator has one listener for all). */
function rackOf(scenario: Scenario, password: string): Found | undefined {
  for (const account of scenario.accounts) {
    for (const [region, data] of Object.entries(account.regions)) {
      const stack = data.stacks.find(
        (candidate) =>
          !candidate.parentId &&
          !candidate.deletedAt &&
          candidate.tags.Type !== 'app' &&
          candidate.parameters.some((parameter) => parameter.key === 'Password' && parameter.value === password),
      );
      if (stack) return { stack, data, account: account.id, region };
    }
  }
  return undefined;
}

function passwordOf(request: http.IncomingMessage): string | undefined {
  const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

interface Answer {
  status: number;
  body: string;
  type: string;
}

const json = (status: number, value: unknown): Answer => ({
  status,
  body: `${JSON.stringify(value)}\n`,
  type: 'application/json',
});
/** stdapi's error answer: `{"error": "…"}`, which the CLI prints. */
const failure = (status: number, message: string): Answer => json(status, { error: message });

function system(found: Found): unknown {
  const values = valuesOf(found.stack);
  const outputs = Object.fromEntries(found.stack.outputs.map((output) => [output.key, output.value]));
  const { Password: _password, ...shown } = values;
  return {
    count: Number(values.HighAvailability === 'false' ? values.NoHaInstanceCount : values.InstanceCount) || 0,
    domain: outputs.Domain ?? '',
    name: found.stack.name,
    outputs,
    parameters: shown,
    provider: 'aws',
    'rack-domain': outputs.Dashboard ?? '',
    region: found.region,
    status: rackStatus(found.stack.status),
    type: values.InstanceType ?? '',
    version: values.Version ?? '',
  };
}

/** PUT /system: the form fields of structs.SystemUpdateOptions, applied as provider/aws SystemUpdate does. */
function update(found: Found, form: URLSearchParams, install: InstallWorld): Answer {
  const before = valuesOf(found.stack);
  const after = { ...before };
  const parameters = new URLSearchParams(form.get('parameters') ?? '');
  for (const [key, value] of parameters) after[key] = value;
  const count = form.get('count');
  if (count !== null) {
    if (!/^\d+$/.test(count)) return failure(400, `invalid count: ${count}`);
    after.InstanceCount = count;
  }
  const type = form.get('type');
  if (type !== null) after.InstanceType = type;
  const version = form.get('version');
  if (version !== null) {
    if (!install.releases.some((release) => release.version === version))
      return failure(500, `could not fetch the template of release ${version}: 403 Forbidden`);
    // Already at that version, nothing else asked: nothing to do, as the rack says.
    if (version === before.Version && parameters.size === 0 && count === null && type === null)
      return { status: 200, body: 'ok\n', type: 'text/plain' };
    after.Version = version;
  }
  const busy = busyMessage(found.stack);
  if (busy) return failure(500, busy);
  const changes = planUpdate(found.stack, before, after);
  if (changes.length === 0) return failure(500, 'No updates are to be performed.');
  if (version !== null) (install.recordedReleases ??= []).push({ rack: found.stack.name, version, at: new Date() });
  const failureRule = install.updateFailure;
  install.updateFailure = undefined;
  const now = new Date();
  scheduleUpdate(
    found.data,
    found.stack,
    {
      account: found.account,
      region: found.region,
      stepMs: install.stepMs,
      changes,
      values: after,
      failure: failureRule,
    },
    now,
  );
  // The stack is UPDATE_IN_PROGRESS from now on: a second update is refused at once.
  advanceRegion(found.data, now);
  return { status: 200, body: 'ok\n', type: 'text/plain' };
}

/** Answers one request to the rack API; anything but /system with the right password is refused as the rack does. */
export function rackApiAnswer(
  scenario: Scenario,
  install: InstallWorld,
  request: http.IncomingMessage,
  body: string,
): Answer {
  const password = passwordOf(request);
  const found = password === undefined ? undefined : rackOf(scenario, password);
  if (!found) return { status: 401, body: 'invalid authentication\n', type: 'text/plain' };
  advanceRegion(found.data, new Date());
  const path = (request.url ?? '').split('?')[0];
  if (path !== '/system') return failure(404, 'not found');
  if (request.method === 'GET') return json(200, system(found));
  if (request.method === 'PUT') return update(found, new URLSearchParams(body), install);
  return failure(405, 'method not allowed');
}
