// A rack older than release 20230322 has no SSM parameter <rack>RackApiSecret: its password is taken from the
// convox CLI's own auth entry for its API host, or its absence is explained. Against the simulator's 2021 rack.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { AwsPorts } from '../../src/aws';
import { CliConfigFiles } from '../../src/cli/configFiles';
import { formatKeyed } from '../../src/model/cli/cliSettings';
import type { Rack } from '../../src/model/rack';
import { olderRackAdvice, readRackPassword } from '../../src/model/secrets/rackPassword';
import type { RackStore } from '../../src/model/store/rackStore';
import { CliLookups } from '../../src/views/cli/cliLookups';
import { installerAuth, rack, rack2021, scenario } from '../sim';
import { refreshedStoreHooks, type SimulatedAws } from './helpers';

const account = '111111111111';
const place = { account, region: 'us-east-1' };
const warnings: string[] = [];
const log = { warn: (message: string) => warnings.push(message) } as unknown as vscode.LogOutputChannel;

describe('the API password of a rack without RackApiSecret (before release 20230322)', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  let ports: AwsPorts;
  let store: RackStore;
  refreshedStoreHooks(
    () =>
      scenario({
        profiles: [{ name: 'acme', account, region: 'us-east-1' }],
        data: { [account]: { 'us-east-1': (at) => [rack2021(at, { name: 'vintage' }), rack(at, { name: 'modern' })] } },
      }),
    {},
    (world) => ({ aws, ports, store } = world),
  );

  const named = (name: string): Rack & { apiHost: string } => {
    const found = store.racks().find((candidate) => candidate.name === name);
    assert.ok(found?.apiHost, `${name} is listed with a Dashboard`);
    return { ...found, apiHost: found.apiHost };
  };
  const cliWith = (auth: Record<string, string>): CliLookups => {
    const directory = fs.mkdtempSync(path.join(aws.dir, 'convox2-'));
    fs.writeFileSync(path.join(directory, 'auth'), formatKeyed(auth), { mode: 0o600 });
    return new CliLookups(() => new CliConfigFiles(directory), log);
  };

  it('SSM has no parameter for it; the CLI auth entry of its host is used', async () => {
    const vintage = named('vintage');
    const entry = installerAuth(place, { name: 'vintage' });
    assert.equal(entry.host, vintage.apiHost, "the installer's entry is for the rack's Dashboard host");
    assert.equal(await ports.secrets.apiPassword(vintage, 10_000), undefined, 'ParameterNotFound');
    const cli = cliWith({ 'console.convox.com': 'UNRELATED', [entry.host]: entry.password });
    const read = await readRackPassword(vintage, ports.secrets, (host) => cli.password(host), 10_000);
    assert.equal(read.password, entry.password);
    assert.ok(read.password !== undefined && read.source === 'cli' && /predates release 20230322/.test(read.why ?? ''));
  });

  it('without that entry it fails saying the rack predates the secret and what to do', async () => {
    const vintage = named('vintage');
    const cli = cliWith({ 'other.example.org': 'OTHER' });
    const read = await readRackPassword(vintage, ports.secrets, (host) => cli.password(host), 10_000);
    assert.deepEqual(read, { password: undefined, failure: 'missing', ssmError: undefined });
    const advice = olderRackAdvice(vintage, vintage.apiHost);
    assert.match(advice, /vintageRackApiSecret: it predates release 20230322/);
    assert.ok(advice.includes(`convox login ${vintage.apiHost}`) && /update the rack/.test(advice));
  });

  it('a rack with the secret is read from SSM, whatever the CLI has', async () => {
    const modern = named('modern');
    const cli = cliWith({ [modern.apiHost]: 'STALE-CLI-PASSWORD' });
    const read = await readRackPassword(modern, ports.secrets, (host) => cli.password(host), 10_000);
    assert.ok(read.password !== undefined && read.source === 'ssm' && read.password !== 'STALE-CLI-PASSWORD');
  });

  it('SSM refused: the CLI entry is used too; without one, the refusal is said', async () => {
    const modern = named('modern');
    aws.sim.faults.add({ service: 'ssm', kind: 'denied' });
    try {
      const none = await readRackPassword(modern, ports.secrets, () => Promise.resolve(undefined), 10_000);
      assert.ok(none.password === undefined && none.failure === 'denied');
      const read = await readRackPassword(modern, ports.secrets, () => Promise.resolve('FROM-CLI'), 10_000);
      assert.ok(read.password === 'FROM-CLI' && read.source === 'cli');
    } finally {
      aws.sim.faults.clear();
    }
  });
});
