import * as assert from 'node:assert/strict';
import { Inventory, mergeRacks } from '../../src/model/inventory';
import type { Rack } from '../../src/model/rack';
import { isRackStack, RackCollector, racksFromStacks, type StackDescription } from '../../src/model/stacks';

let counter = 0;
function stack(name: string, fields: Partial<StackDescription> = {}): StackDescription {
  counter += 1;
  return {
    stackId: `arn:aws:cloudformation:us-east-1:111111111111:stack/${name}/id-${counter}`,
    name,
    status: 'UPDATE_COMPLETE',
    tags: {},
    parameters: {},
    outputs: {},
    createdAt: new Date('2025-01-01T00:00:00Z'),
    ...fields,
  };
}
const rackTags = { System: 'convox', Type: 'rack' };
const origin = { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' };

describe('which stacks are racks', () => {
  it('a stack tagged System=convox Type=rack', () => {
    assert.ok(isRackStack(stack('production', { tags: rackTags })));
  });
  it('not a stack of another system tagged Type=rack', () => {
    assert.ok(!isRackStack(stack('k8s', { tags: { System: 'eks', Type: 'rack' } })));
  });
  it('a legacy untagged stack with a Dashboard output and a Version parameter', () => {
    assert.ok(
      isRackStack(
        stack('legacy', { outputs: { Dashboard: 'legacy.example' }, parameters: { Version: '20171201000000' } }),
      ),
    );
  });
  it('not an untagged stack missing the Dashboard output or the Version parameter', () => {
    assert.ok(!isRackStack(stack('a', { outputs: { Dashboard: 'x' } })));
    assert.ok(!isRackStack(stack('b', { parameters: { Version: '1' } })));
  });
  it('not apps, resources, other stacks or nested stacks', () => {
    assert.ok(!isRackStack(stack('production-web', { tags: { System: 'convox', Type: 'app', Rack: 'production' } })));
    assert.ok(
      !isRackStack(stack('production-db', { tags: { System: 'convox', Type: 'resource', Rack: 'production' } })),
    );
    assert.ok(
      !isRackStack(
        stack('CDKToolkit', { tags: { System: 'cdk' }, outputs: { Dashboard: 'x' }, parameters: { Version: '1' } }),
      ),
    );
    assert.ok(!isRackStack(stack('nested', { tags: rackTags, parentId: 'arn:parent' })));
  });
});

describe('rack model from stacks', () => {
  // Built per test, so that mutation testing runs only the tests that reach a mutant.
  const modelRacks = (): Rack[] => racksFromStacks(stacks(), origin);
  const stacks = (): StackDescription[] => [
    stack('production', {
      tags: rackTags,
      parameters: {
        Version: '20250101120000',
        InstanceType: 't3.large',
        InstanceCount: '3',
        NoHaInstanceCount: '1',
        HighAvailability: 'true',
        Private: 'Yes',
        Password: '****',
      },
      outputs: {
        Domain: 'router.production.example',
        DomainInternal: 'internal.production.example',
        Dashboard: 'api.production.example',
      },
      updatedAt: new Date('2025-02-01T00:00:00Z'),
    }),
    stack('sandbox', {
      status: 'CREATE_IN_PROGRESS',
      tags: rackTags,
      parameters: { InstanceCount: '3', NoHaInstanceCount: '1', HighAvailability: 'false', Private: 'No' },
    }),
    stack('production-web', {
      tags: { System: 'convox', Type: 'app', Rack: 'production', Name: 'web', Generation: '2' },
    }),
    stack('production-api', {
      status: 'UPDATE_ROLLBACK_FAILED',
      tags: { System: 'convox', Type: 'app', Rack: 'production', Name: 'api', Generation: '1' },
    }),
    stack('production-web-ServiceWeb-X', {
      parentId: 'arn:production-web',
      tags: { System: 'convox', Type: 'app', Rack: 'production', Name: 'web' },
    }),
    stack('other', { tags: { Team: 'infra' } }),
  ];

  it('finds exactly the racks', () => {
    assert.deepEqual(
      modelRacks().map((rack) => rack.fullName),
      ['acme/production', 'acme/sandbox'],
    );
  });
  it('carries what `convox rack` shows', () => {
    const [production] = modelRacks();
    assert.equal(production.status, 'running');
    assert.equal(production.version, '20250101120000');
    assert.equal(production.instanceType, 't3.large');
    assert.equal(production.instanceCount, 3);
    assert.equal(production.private, true);
    assert.equal(production.routerHost, 'router.production.example');
    assert.equal(production.apiHost, 'api.production.example');
    assert.equal(production.legacy, false);
    assert.equal(production.profile, 'acme-prod');
  });
  it('counts NoHaInstanceCount when HighAvailability is false', () => {
    const sandbox = modelRacks()[1];
    assert.equal(sandbox.highAvailability, false);
    assert.equal(sandbox.instanceCount, 1);
    assert.equal(sandbox.status, 'creating');
    assert.equal(sandbox.private, false);
  });
  it('attaches top-level app stacks, not nested ones', () => {
    const racks = modelRacks();
    assert.deepEqual(
      racks[0].apps.map((app) => [app.name, app.status, app.generation]),
      [
        ['api', 'failed', '1'],
        ['web', 'running', '2'],
      ],
    );
    assert.deepEqual(racks[1].apps, []);
  });
  it('attaches only Convox app stacks: not resources, not other systems', () => {
    const [production] = racksFromStacks(
      [
        stack('production', { tags: rackTags }),
        stack('production-db', { tags: { System: 'convox', Type: 'resource', Rack: 'production', Name: 'db' } }),
        stack('production-tool', { tags: { System: 'terraform', Type: 'app', Rack: 'production', Name: 'tool' } }),
        stack('production-web', { tags: { System: 'convox', Type: 'app', Rack: 'production', Name: 'web' } }),
      ],
      origin,
    );
    assert.deepEqual(
      production.apps.map((app) => app.name),
      ['web'],
    );
  });
  it('names an app without a Name tag after its stack, less the rack prefix, generation 1', () => {
    const appTags = { System: 'convox', Type: 'app', Rack: 'production' };
    const [production] = racksFromStacks(
      [
        stack('production', { tags: rackTags }),
        stack('production-billing', { tags: appTags }),
        stack('shop', { tags: appTags }),
      ],
      origin,
    );
    assert.deepEqual(
      production.apps.map((app) => [app.name, app.generation]),
      [
        ['billing', '1'],
        ['shop', '1'],
      ],
    );
  });
  it('has no instance count for an empty, blank or unreadable parameter', () => {
    for (const count of ['', '  ', 'three']) {
      const [rack] = racksFromStacks(
        [stack('production', { tags: rackTags, parameters: { InstanceCount: count } })],
        origin,
      );
      assert.equal(rack.instanceCount, undefined, JSON.stringify(count));
    }
  });
  it('is private when the parameter, or a legacy output, says Yes', () => {
    const [legacy] = racksFromStacks(
      [
        stack('legacy', {
          outputs: { Dashboard: 'legacy.example', Private: 'Yes' },
          parameters: { Version: '20171201000000' },
        }),
      ],
      origin,
    );
    assert.equal(legacy.private, true);
    assert.equal(legacy.legacy, true);
  });
});

describe('de-duplication', () => {
  const base = (): Rack => racksFromStacks([stack('production', { tags: rackTags })], origin)[0];

  it('lists one stack seen through two profiles once, whichever arrived first', () => {
    const first = base();
    const sameThroughOtherProfile = { ...first, profile: 'acme-admin' };
    assert.deepEqual(
      mergeRacks([first, sameThroughOtherProfile]).map((rack) => rack.profile),
      ['acme-admin'],
    );
    assert.deepEqual(
      mergeRacks([sameThroughOtherProfile, first]).map((rack) => rack.profile),
      ['acme-admin'],
    );
  });
  it('keeps two different stacks of the same name', () => {
    const first = base();
    const otherStackSameName = { ...first, stackId: `${first.stackId}-other-account`, region: 'eu-west-1' };
    assert.equal(mergeRacks([first, otherStackSameName]).length, 2);
  });
  it('an inventory merges pairs and keeps errors apart', () => {
    const first = base();
    const sameThroughOtherProfile = { ...first, profile: 'acme-admin' };
    const inventory = new Inventory([
      { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' },
      { organization: 'acme', profile: 'acme-admin', region: 'us-east-1' },
    ]);
    inventory.update({ ...origin, racks: [first], done: true });
    inventory.update({
      organization: 'acme',
      profile: 'acme-admin',
      region: 'us-east-1',
      racks: [sameThroughOtherProfile],
      done: true,
      error: {
        organization: 'acme',
        profile: 'acme-admin',
        region: 'us-east-1',
        kind: 'throttled',
        message: 'slow down',
      },
    });
    assert.equal(inventory.racks().length, 1);
    assert.deepEqual(
      inventory.errors().map((error) => error.kind),
      ['throttled'],
    );
  });
});

describe('racks collected page by page', () => {
  it('are built once, and again only when a page brings them an app', () => {
    const collector = new RackCollector(origin).add([
      stack('production', { tags: rackTags }),
      stack('staging', { tags: rackTags }),
    ]);
    const [production, staging] = collector.racks();
    collector.add([stack('production-web', { tags: { System: 'convox', Type: 'app', Rack: 'production' } })]);
    const [productionAgain, stagingAgain] = collector.racks();
    assert.equal(stagingAgain, staging, 'the same rack object: views can tell nothing changed');
    assert.notEqual(productionAgain, production);
    assert.deepEqual(
      productionAgain.apps.map((app) => app.name),
      ['web'],
    );
    assert.equal(collector.racks()[0], productionAgain);
  });
});
