import * as assert from 'node:assert/strict';
import type { Rack } from '../../../src/model/rack';
import { apiSecretName, olderRackAdvice, readRackPassword } from '../../../src/model/secrets/rackPassword';
import { racksFromStacks } from '../../../src/model/stacks';

const [baseRack] = racksFromStacks(
  [
    {
      stackId: 'arn:stack/production/1',
      name: 'production',
      status: 'UPDATE_COMPLETE',
      tags: { System: 'convox', Type: 'rack' },
      parameters: { Version: '20220101120000' },
      outputs: { Dashboard: 'api.production.example' },
      createdAt: new Date(0),
    },
  ],
  { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' },
);
const rack = { ...baseRack, apiHost: 'api.production.example' } as Rack & { apiHost: string };

/** SSM that answers `answer` (a password or none), or fails with `error`, recording the deadlines it was given. */
function ssm(
  answer: string | undefined,
  error?: unknown,
): { deadlines: number[]; apiPassword(r: Rack, d: number): Promise<string | undefined> } {
  return {
    deadlines: [],
    apiPassword(_rack, deadlineMs) {
      this.deadlines.push(deadlineMs);
      return error === undefined ? Promise.resolve(answer) : Promise.reject(error);
    },
  };
}

/** The CLI's auth file, holding `entries` by host; records the hosts asked for. */
function cliAuth(entries: Record<string, string>): {
  asked: string[];
  read(host: string): Promise<string | undefined>;
} {
  const asked: string[] = [];
  return { asked, read: (host) => (asked.push(host), Promise.resolve(entries[host])) };
}

describe("a rack's API password", () => {
  it('is named <rack>RackApiSecret in SSM', () => {
    assert.equal(apiSecretName({ name: 'production' }), 'productionRackApiSecret');
  });

  it("comes from SSM when the rack has it, without asking the CLI's auth file", async () => {
    const secrets = ssm('from-ssm');
    const cli = cliAuth({ 'api.production.example': 'from-cli' });
    assert.deepEqual(await readRackPassword(rack, secrets, cli.read, 1234), { password: 'from-ssm', source: 'ssm' });
    assert.deepEqual([secrets.deadlines, cli.asked], [[1234], []]);
  });

  it("comes from the CLI's auth entry for the API host when the rack predates the SSM parameter", async () => {
    const cli = cliAuth({ 'api.production.example': 'from-cli' });
    assert.deepEqual(await readRackPassword(rack, ssm(undefined), cli.read, 1), {
      password: 'from-cli',
      source: 'cli',
      why: 'the rack has no SSM parameter productionRackApiSecret: it predates release 20230322',
    });
    assert.deepEqual(cli.asked, ['api.production.example']);
  });

  it("comes from the CLI's auth file when SSM cannot be read, saying so", async () => {
    const cli = cliAuth({ 'api.production.example': 'from-cli' });
    const read = await readRackPassword(rack, ssm(undefined, new Error('timeout')), cli.read, 1);
    assert.deepEqual(read, { password: 'from-cli', source: 'cli', why: 'SSM could not be read' });
  });

  it('is missing, with no SSM error, when neither SSM nor the CLI has it', async () => {
    assert.deepEqual(await readRackPassword(rack, ssm(undefined), cliAuth({}).read, 1), {
      password: undefined,
      failure: 'missing',
      ssmError: undefined,
    });
  });

  it("is denied, with SSM's message, when SSM refuses access and the CLI has none", async () => {
    const refusal = Object.assign(new Error('not authorized to perform ssm:GetParameter'), { kind: 'access-denied' });
    assert.deepEqual(await readRackPassword(rack, ssm(undefined, refusal), cliAuth({}).read, 1), {
      password: undefined,
      failure: 'denied',
      ssmError: 'not authorized to perform ssm:GetParameter',
    });
  });

  it("fails, with SSM's message, when SSM does not answer and the CLI has none", async () => {
    const timeout = Object.assign(new Error('socket hang up'), { kind: 'network' });
    assert.deepEqual(await readRackPassword(rack, ssm(undefined, timeout), cliAuth({}).read, 1), {
      password: undefined,
      failure: 'failed',
      ssmError: 'socket hang up',
    });
  });

  it('advises an older rack without either to log in with the CLI or to update', () => {
    assert.equal(
      olderRackAdvice({ name: 'production', displayName: 'acme/production' }, 'api.production.example'),
      "acme/production has no SSM parameter productionRackApiSecret: it predates release 20230322, which added it, and the convox CLI's auth file has no password for api.production.example. Run `convox login api.production.example` with the rack's password (whoever installed the rack has it), or update the rack to release 20230322 or later, which keeps it in SSM.",
    );
  });
});
