import * as assert from 'node:assert/strict';
import { ago, instanceColumns, mask, processColumns, rackParameters, rackSummary } from '../../src/model/cliRows';
import { inspectDocument } from '../../src/model/inspect/inspectDocument';
import { isRackService, processFromTask, processId } from '../../src/model/processes';
import type { Rack } from '../../src/model/rack';
import { racksFromStacks } from '../../src/model/stacks';
import { formatTable } from '../../src/model/table';

const now = new Date('2025-06-01T12:00:00Z');
/** Built in each test, not at load, so that mutation testing runs only the tests that reach a mutant. */
function productionRack(): Rack {
  return racksFromStacks(
    [
      {
        stackId: 'arn:aws:cloudformation:us-east-1:1:stack/production/1',
        name: 'production',
        status: 'UPDATE_ROLLBACK_FAILED',
        statusReason: 'Resource Instances failed to stabilize',
        tags: { System: 'convox', Type: 'rack', Team: 'core' },
        parameters: {
          Password: 'hunter2-not-masked-by-aws',
          HttpProxy: 'http://user:secret@proxy',
          Version: '20250101120000',
          InstanceType: 't3.large',
          InstanceCount: '3',
          Private: 'No',
          LogDriver: '',
        },
        outputs: { Domain: 'router.example', DomainInternal: 'internal.example', Dashboard: 'api.example' },
        createdAt: new Date('2025-01-01T00:00:00Z'),
      },
    ],
    { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' },
  )[0];
}

describe('tables and what the CLI prints', () => {
  it('aligns columns with two spaces and no trailing blanks', () => {
    assert.equal(
      formatTable(
        ['NAME', 'STATUS'],
        [
          ['acme/production', 'running'],
          ['a', ''],
        ],
      ),
      'NAME             STATUS\nacme/production  running\na',
    );
  });
  it('says how long ago', () => {
    assert.equal(ago(new Date('2025-06-01T11:57:00Z'), now), '3 minutes ago');
    assert.equal(ago(new Date('2025-05-31T12:00:00Z'), now), '1 day ago');
    assert.equal(ago(now, now), 'just now');
    assert.equal(ago(undefined, now), '');
  });
  it('`convox rack` rows carry name, provider, region, router, status, version, count and type', () => {
    const summary = new Map(rackSummary(productionRack()));
    assert.equal(summary.get('Name'), 'acme/production');
    assert.equal(summary.get('Provider'), 'aws');
    assert.equal(summary.get('Router'), 'router.example (external)\ninternal.example (internal)');
    assert.equal(summary.get('Status'), 'failed');
    assert.equal(summary.get('Count'), '3');
    assert.equal(summary.get('Type'), 't3.large');
    assert.equal(summary.get('Stack'), 'UPDATE_ROLLBACK_FAILED: Resource Instances failed to stabilize');
  });
  it('`convox rack params` masks Password and HttpProxy and adds Tags', () => {
    const params = new Map(rackParameters(productionRack()));
    assert.equal(params.get('Password'), mask);
    assert.equal(params.get('HttpProxy'), mask);
    assert.equal(params.get('LogDriver'), '', 'an empty secret-free value stays empty');
    assert.equal(params.get('Tags'), 'System=convox,Team=core,Type=rack');
    assert.deepEqual([...params.keys()], [...params.keys()].sort());
  });
  it('instance and process rows follow the CLI columns', () => {
    assert.deepEqual(
      instanceColumns(
        {
          id: 'i-1',
          status: 'active',
          started: new Date('2025-06-01T10:00:00Z'),
          processes: 4,
          cpu: 0.125,
          memory: 0.5,
          privateIp: '10.0.1.5',
        },
        now,
      ),
      ['i-1', 'active', '2 hours ago', '4', '12.50%', '50.00%', '', '10.0.1.5'],
    );
    assert.deepEqual(
      processColumns(
        { id: 'abc', app: 'production', service: 'web', status: 'running', release: '', command: 'api' },
        now,
      ),
      ['abc', 'production', 'web', 'running', '', '', 'api'],
    );
  });
  it('the inspect document has every section and never the password', () => {
    const text = inspectDocument(
      productionRack(),
      { instances: [], tasks: [], loadedAt: now },
      [],
      [
        {
          at: now,
          id: 'e1',
          logicalId: 'Instances',
          resourceType: 'AWS::AutoScaling::AutoScalingGroup',
          status: 'UPDATE_FAILED',
          reason: 'timeout',
        },
      ],
      now,
    );
    for (const heading of [
      'acme/production\n====',
      '\nRack\n----',
      '\nParameters\n',
      '\nInstances\n',
      '\nProcesses\n',
      '\nApps\n',
      '\nStack events (last 1)\n',
    ])
      assert.ok(text.includes(heading), heading);
    assert.ok(!text.includes('hunter2'));
    assert.ok(!text.includes('secret@proxy'));
    assert.match(text, /UPDATE_FAILED\s+timeout/);
  });
  it('leaves a missing cell of a short row empty', () => {
    assert.equal(formatTable(['A', 'B', 'C'], [['x'], ['longer', 'y', 'z']]), 'A       B  C\nx\nlonger  y  z');
  });
  it('counts seconds, and never the future', () => {
    assert.equal(ago(new Date('2025-06-01T11:59:59Z'), now), '1 second ago');
    assert.equal(ago(new Date('2025-06-01T11:59:15Z'), now), '45 seconds ago');
    assert.equal(ago(new Date('2025-06-01T09:00:00Z'), now), '3 hours ago');
    assert.equal(ago(new Date('2025-06-01T12:05:00Z'), now), 'just now', 'a clock running ahead');
  });
  it('`convox rack` shows every row in order, and leaves out what the stack does not say', () => {
    assert.deepEqual(rackSummary(productionRack()), [
      ['Name', 'acme/production'],
      ['Provider', 'aws'],
      ['Region', 'us-east-1'],
      ['Router', 'router.example (external)\ninternal.example (internal)'],
      ['Status', 'failed'],
      ['Version', '20250101120000'],
      ['Count', '3'],
      ['Type', 't3.large'],
      ['Profile', 'acme-prod'],
      ['Stack', 'UPDATE_ROLLBACK_FAILED: Resource Instances failed to stabilize'],
    ]);
    const [bare] = racksFromStacks(
      [
        {
          stackId: 'arn:stack/sandbox/1',
          name: 'sandbox',
          status: 'CREATE_COMPLETE',
          tags: { System: 'convox', Type: 'rack' },
          parameters: {},
          outputs: { Domain: 'router.sandbox' },
          createdAt: now,
        },
      ],
      { organization: 'acme', profile: 'acme-dev', region: 'eu-west-1' },
    );
    assert.deepEqual(rackSummary(bare), [
      ['Name', 'acme/sandbox'],
      ['Provider', 'aws'],
      ['Region', 'eu-west-1'],
      ['Router', 'router.sandbox'],
      ['Status', 'running'],
      ['Profile', 'acme-dev'],
      ['Stack', 'CREATE_COMPLETE'],
    ]);
    assert.equal(
      new Map(rackSummary({ ...bare, routerHost: undefined })).get('Router'),
      undefined,
      'no router at all: no row',
    );
    assert.equal(
      new Map(rackSummary({ ...bare, routerHost: undefined, routerInternalHost: 'internal.sandbox' })).get('Router'),
      undefined,
      'as the CLI: no Router row without a public router',
    );
  });
  it('`convox rack` NLB rows: the host with the elastic IPs the stack names, and the internal host', () => {
    const rack = productionRack();
    const withNlb = {
      ...rack,
      outputs: {
        ...rack.outputs,
        NLBHost: 'nlb.example',
        NLBEIP0: '3.0.0.1',
        NLBEIP2: '3.0.0.3',
        NLBInternalHost: 'nlbi.example',
      },
    };
    const rows = rackSummary(withNlb);
    assert.deepEqual(rows.map(([label]) => label).slice(0, 8), [
      'Name',
      'Provider',
      'Region',
      'Router',
      'NLB',
      'NLB Internal',
      'Status',
      'Version',
    ]);
    assert.equal(new Map(rows).get('NLB'), 'nlb.example (3.0.0.1, 3.0.0.3)');
    assert.equal(new Map(rows).get('NLB Internal'), 'nlbi.example');
    assert.equal(
      new Map(rackSummary({ ...rack, outputs: { NLBHost: 'nlb.example' } })).get('NLB'),
      'nlb.example',
      'no addresses: the host alone',
    );
    assert.equal(
      new Map(rackSummary({ ...rack, outputs: { NLBHost: 'nlb.example', NLBEIP1: '3.0.0.2' } })).get('NLB'),
      'nlb.example (3.0.0.2)',
      'the second address alone',
    );
    const document = inspectDocument(withNlb, { instances: [], tasks: [], loadedAt: now }, [], [], now);
    assert.ok(
      document.includes(
        [
          'Router        router.example (external)',
          '              internal.example (internal)',
          'NLB           nlb.example (3.0.0.1, 3.0.0.3)',
          'NLB Internal  nlbi.example',
          'Status        failed',
        ].join('\n'),
      ),
      document,
    );
  });
  it('an empty secret has nothing to hide', () => {
    const rack = productionRack();
    const params = new Map(rackParameters({ ...rack, parameters: { ...rack.parameters, Password: '' } }));
    assert.equal(params.get('Password'), '');
    assert.equal(params.get('HttpProxy'), mask);
  });
  it('an instance without addresses leaves PUBLIC and PRIVATE empty', () => {
    assert.deepEqual(instanceColumns({ id: 'i-2', status: 'draining', processes: 0 }, now), [
      'i-2',
      'draining',
      '',
      '0',
      '',
      '',
      '',
      '',
    ]);
  });
  it('the inspect document, as a whole', () => {
    const rack = {
      ...productionRack(),
      apps: [{ name: 'web', status: 'running' as const, cloudformationStatus: 'UPDATE_COMPLETE', generation: '2' }],
    };
    const details = {
      instances: [
        {
          id: 'i-0abc',
          status: 'active',
          started: new Date('2025-06-01T11:00:00Z'),
          processes: 3,
          cpu: 0.25,
          memory: 0.5,
          publicIp: '54.0.0.1',
          privateIp: '10.0.1.5',
        },
      ],
      tasks: [],
      loadedAt: now,
    };
    const processes = [
      {
        id: '456789abcdef',
        app: 'production',
        service: 'web',
        status: 'running',
        release: 'R1',
        started: new Date('2025-06-01T11:59:30Z'),
        command: 'api',
      },
    ];
    const events = [
      {
        at: new Date('2025-06-01T11:00:00Z'),
        id: 'e2',
        logicalId: 'Instances',
        resourceType: 'AWS::AutoScaling::AutoScalingGroup',
        status: 'UPDATE_FAILED',
        reason: 'timeout',
      },
      {
        at: new Date('2025-06-01T10:00:00Z'),
        id: 'e3',
        logicalId: 'production',
        resourceType: 'AWS::CloudFormation::Stack',
        status: 'UPDATE_IN_PROGRESS',
      },
    ];
    assert.equal(
      inspectDocument(rack, details, processes, events, now),
      [
        'acme/production',
        '===============',
        '',
        'Rack',
        '----',
        'Name      acme/production',
        'Provider  aws',
        'Region    us-east-1',
        'Router    router.example (external)',
        '          internal.example (internal)',
        'Status    failed',
        'Version   20250101120000',
        'Count     3',
        'Type      t3.large',
        'Profile   acme-prod',
        'Stack     UPDATE_ROLLBACK_FAILED: Resource Instances failed to stabilize',
        '',
        'Parameters',
        '----------',
        'HttpProxy      **********',
        'InstanceCount  3',
        'InstanceType   t3.large',
        'LogDriver',
        'Password       **********',
        'Private        No',
        'Tags           System=convox,Team=core,Type=rack',
        'Version        20250101120000',
        '',
        'Instances',
        '---------',
        'ID      STATUS  STARTED     PS  CPU     MEM     PUBLIC    PRIVATE',
        'i-0abc  active  1 hour ago  3   25.00%  50.00%  54.0.0.1  10.0.1.5',
        '',
        'Processes',
        '---------',
        'ID            APP         SERVICE  STATUS   RELEASE  STARTED         COMMAND',
        '456789abcdef  production  web      running  R1       30 seconds ago  api',
        '',
        'Apps',
        '----',
        'NAME  STATUS   GEN',
        'web   running  2',
        '',
        'Stack events (last 2)',
        '---------------------',
        'TIME                      RESOURCE    TYPE                                STATUS              REASON',
        '2025-06-01T11:00:00.000Z  Instances   AWS::AutoScaling::AutoScalingGroup  UPDATE_FAILED       timeout',
        '2025-06-01T10:00:00.000Z  production  AWS::CloudFormation::Stack          UPDATE_IN_PROGRESS',
        '',
        'Loaded 2025-06-01T12:00:00.000Z',
        '',
      ].join('\n'),
    );
  });
});

describe('rack processes', () => {
  it("tells the rack's own services from app services", () => {
    assert.ok(isRackService('production-ServiceWebApi-1A2B3C', 'production'));
    assert.ok(!isRackService('production-web-ServiceWeb-1A2B3C', 'production'));
    assert.ok(!isRackService('productionx-ServiceWebApi-1', 'production'));
  });
  it('uses the last 12 characters of the task ARN as id', () => {
    assert.equal(processId('arn:aws:ecs:us-east-1:1:task/cluster/0123456789abcdef'), '456789abcdef');
  });
  it('fills app, release and command from labels, then environment, then the rack name', () => {
    const task = {
      taskArn: 'arn:aws:ecs:r:1:task/c/0123456789abcdef',
      container: 'web',
      status: 'running',
      overrideEnvironment: {},
    };
    const labelled = [
      {
        name: 'web',
        command: ['bin/web'],
        environment: { APP: 'ignored' },
        labels: { 'convox.app': 'shop', 'convox.release': 'RABC' },
      },
    ];
    assert.deepEqual(processFromTask(task, labelled, 'production'), {
      id: '456789abcdef',
      app: 'shop',
      service: 'web',
      status: 'running',
      release: 'RABC',
      started: undefined,
      command: 'bin/web',
    });
    const environment = [{ name: 'web', command: ['api'], environment: { APP: 'billing', RELEASE: 'R1' }, labels: {} }];
    assert.equal(processFromTask(task, environment, 'production').app, 'billing');
    assert.equal(processFromTask(task, environment, 'production').release, 'R1');
    assert.equal(processFromTask(task, [], 'production').app, 'production');
    assert.equal(
      processFromTask({ ...task, overrideCommand: ['sh', '-c', 'echo hi'] }, environment, 'production').command,
      'echo hi',
    );
  });
});
