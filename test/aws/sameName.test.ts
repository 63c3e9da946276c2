// Racks that share `org/rack` (two regions of one profile; two accounts of one organisation) are told apart
// everywhere by their stack id, and shown by qualified names; each one's password comes from its own region.
import * as assert from 'node:assert/strict';
import type { AwsPorts } from '../../src/aws';
import type { RackStore } from '../../src/model/store/rackStore';
import { resolveRack } from '../../src/model/switch';
import { sameNameAccounts, sameNameAccountsScenario, sameNameRegionsScenario, type Scenario } from '../sim';
import { refreshedStoreHooks, type SimulatedAws } from './helpers';

function passwordOf(aws: SimulatedAws, account: string, region: string): string | undefined {
  const stacks = aws.sim.scenario.accounts.find((candidate) => candidate.id === account)?.regions[region]?.stacks ?? [];
  return stacks
    .find((stack) => stack.name === 'production' && !stack.parentId)
    ?.parameters.find((parameter) => parameter.key === 'Password')?.value;
}

describe('racks sharing a name, against the simulator', function () {
  this.timeout(30_000);

  describe('the same name in two regions of one profile', () => {
    let aws: SimulatedAws;
    let ports: AwsPorts;
    let store: RackStore;
    refreshedStoreHooks(
      (): Scenario => sameNameRegionsScenario(),
      {},
      (world) => ({ aws, ports, store } = world),
    );

    it('lists both, each by a name qualified with its region, the unique one plain', () => {
      const shown = store.racks().map((rack) => [rack.displayName, rack.region, rack.version]);
      assert.deepEqual(shown.sort(), [
        ['acme/production (eu-west-1)', 'eu-west-1', '20250301000000'],
        ['acme/production (us-east-1)', 'us-east-1', '20250101120000'],
        ['acme/staging', 'us-east-1', '20250101120000'],
      ]);
      const ids = store.racks().map((rack) => rack.stackId);
      assert.equal(new Set(ids).size, 3, 'three identities');
      for (const rack of store.racks()) assert.equal(store.byId(rack.stackId), rack);
    });

    it('a typed acme/production is ambiguous; the qualified name reaches the right one', () => {
      const racks = store.racks();
      const resolution = resolveRack('acme/production', racks);
      assert.ok('error' in resolution);
      assert.match(
        resolution.error,
        /^ambiguous rack name: acme\/production \(matches acme\/production \((eu-west-1|us-east-1)\), acme\/production \((eu-west-1|us-east-1)\)\)$/,
      );
      const west = resolveRack('acme/production (eu-west-1)', racks);
      assert.ok('rack' in west && west.rack.region === 'eu-west-1' && west.rack.stackId.includes(':eu-west-1:'));
    });

    it("reads each rack's password from its own region's SSM", async () => {
      for (const region of ['us-east-1', 'eu-west-1']) {
        const rack = store.racks().find((candidate) => candidate.name === 'production' && candidate.region === region);
        assert.ok(rack);
        const password = await ports.secrets.apiPassword(rack, 10_000);
        assert.ok(
          password !== undefined && password === passwordOf(aws, sameNameAccounts.acme, region),
          `the ${region} rack's own password`,
        );
      }
      assert.notEqual(
        passwordOf(aws, sameNameAccounts.acme, 'us-east-1'),
        passwordOf(aws, sameNameAccounts.acme, 'eu-west-1'),
      );
    });
  });

  describe('the same name in two accounts mapped to one organisation', () => {
    let aws: SimulatedAws;
    let ports: AwsPorts;
    let store: RackStore;
    refreshedStoreHooks(
      (): Scenario => sameNameAccountsScenario(),
      {},
      (world) => ({ aws, ports, store } = world),
    );

    it('lists both in the organisation, qualified by region and profile, as two identities', () => {
      const racks = store.racks();
      assert.deepEqual(racks.map((rack) => [rack.organization, rack.displayName, rack.profile]).sort(), [
        ['acme', 'acme/production (us-east-1, acme-dr)', 'acme-dr'],
        ['acme', 'acme/production (us-east-1, acme-prod)', 'acme-prod'],
      ]);
      assert.ok(racks.find((rack) => rack.profile === 'acme-dr')?.stackId.includes(`:${sameNameAccounts.acmeDr}:`));
      assert.ok(racks.find((rack) => rack.profile === 'acme-prod')?.stackId.includes(`:${sameNameAccounts.acme}:`));
    });

    it("reads each rack's password with its own account's profile", async () => {
      for (const [profile, account] of [
        ['acme-prod', sameNameAccounts.acme],
        ['acme-dr', sameNameAccounts.acmeDr],
      ]) {
        const rack = store.racks().find((candidate) => candidate.profile === profile);
        assert.ok(rack);
        const password = await ports.secrets.apiPassword(rack, 10_000);
        assert.ok(
          password !== undefined && password === passwordOf(aws, account, 'us-east-1'),
          `${profile}'s own rack's password`,
        );
      }
    });
  });
});
