import * as assert from 'node:assert/strict';
import type { AwsPorts } from '../../src/aws';
import type { Rack } from '../../src/model/rack';
import type { RackStore } from '../../src/model/store/rackStore';
import { defaultScenario } from '../sim';
import { refreshedStoreHooks, type SimulatedAws } from './helpers';
import { rackNamed } from '../rackNamed';

describe('rack API password from SSM against the simulator', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  let ports: AwsPorts;
  let store: RackStore;

  refreshedStoreHooks(
    () => defaultScenario(),
    {},
    (world) => ({ aws, ports, store } = world),
  );
  afterEach(() => aws.sim.faults.clear());

  const production = (): { password: string; rack: Rack } => {
    const rack = rackNamed(store, 'acme/production');
    assert.ok(rack);
    const stack = aws.sim.scenario.accounts
      .flatMap((account) => Object.values(account.regions))
      .flatMap((region) => region.stacks)
      .find((candidate) => candidate.id === rack.stackId);
    const password = stack?.parameters.find((parameter) => parameter.key === 'Password')?.value;
    assert.ok(password);
    return { password, rack };
  };

  it('reads <rack>RackApiSecret, decrypted, with GetParameter', async () => {
    const { password, rack } = production();
    aws.sim.calls.reset();
    assert.equal(await ports.secrets.apiPassword(rack, 10_000), password);
    assert.deepEqual(
      aws.sim.calls.all().map((call) => `${call.service} ${call.operation} ${call.region}`),
      [`ssm GetParameter ${rack.region}`],
    );
  });

  it('without ssm:GetParameter says so, as access denied, and the message names the permission, not the password', async () => {
    const { password, rack } = production();
    aws.sim.faults.add({ service: 'ssm', kind: 'denied' });
    await assert.rejects(ports.secrets.apiPassword(rack, 10_000), (error: unknown) => {
      assert.equal((error as { kind?: string }).kind, 'access-denied');
      assert.match((error as Error).message, /ssm:GetParameter/);
      assert.ok(!(error as Error).message.includes(password));
      return true;
    });
  });

  it('a rack without the parameter has no password', async () => {
    const { rack } = production();
    assert.equal(await ports.secrets.apiPassword({ ...rack, name: 'no-such-rack' }, 10_000), undefined);
  });
});
