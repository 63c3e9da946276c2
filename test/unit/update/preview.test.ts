import * as assert from 'node:assert/strict';
import type { TemplateParameter } from '../../../src/model/install/parameters';
import { defaultReleasesUrl, mirrorHost } from '../../../src/model/install/releases';
import type { Rack } from '../../../src/model/rack';
import { previewDocument, previewRows, previewSummary, type ResourceChange } from '../../../src/model/update/preview';
import { mirrorNote, previewChange, type PreviewDependencies } from '../../../src/model/update/previewChange';
import { autoscaleWarning, type RackChange } from '../../../src/model/update/rackChange';

const change = (
  action: string,
  logicalId: string,
  resourceType: string,
  more: Partial<ResourceChange> = {},
): ResourceChange => ({ action, logicalId, resourceType, scope: [], details: [], ...more });

describe('change set preview', () => {
  const changes: ResourceChange[] = [
    change('Remove', 'NatAddress0', 'AWS::EC2::EIP'),
    change('Modify', 'ServiceWebApi', 'AWS::ECS::Service', {
      replacement: 'False',
      scope: ['Properties'],
      details: [
        {
          attribute: 'Properties',
          name: 'TaskDefinition',
          requiresRecreation: 'Never',
          changeSource: 'ResourceReference',
          causingEntity: 'ApiWebTasks',
        },
      ],
    }),
    change('Modify', 'Vpc', 'AWS::EC2::VPC', {
      replacement: 'True',
      scope: ['Properties'],
      details: [
        {
          attribute: 'Properties',
          name: 'CidrBlock',
          requiresRecreation: 'Always',
          changeSource: 'ParameterReference',
          causingEntity: 'VPCCIDR',
        },
      ],
    }),
    change('Add', 'RouterInternal', 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
    change('Modify', 'Instances', 'AWS::AutoScaling::AutoScalingGroup', {
      replacement: 'Conditional',
      scope: ['Properties'],
      details: [
        {
          attribute: 'Properties',
          name: 'LaunchTemplate',
          requiresRecreation: 'Conditionally',
          changeSource: 'DirectModification',
        },
        {
          attribute: 'Properties',
          name: 'LaunchTemplate',
          requiresRecreation: 'Conditionally',
          changeSource: 'DirectModification',
        },
      ],
    }),
    change('Modify', 'Cluster', 'AWS::ECS::Cluster', { replacement: 'False', scope: ['Tags'] }),
  ];

  it('sorts additions first, then replacements, possible replacements, modifications, removals', () => {
    assert.deepEqual(
      previewRows(changes).map((row) => `${row.action} ${row.logicalId}`),
      [
        'Add RouterInternal',
        'Replace Vpc',
        'Maybe replace Instances',
        'Modify Cluster',
        'Modify ServiceWebApi',
        'Remove NatAddress0',
      ],
    );
  });

  it('highlights replacements (True and Conditional) with the reasons from Details, deduplicated', () => {
    const rows = previewRows(changes);
    assert.deepEqual(
      rows.filter((row) => row.highlighted).map((row) => row.logicalId),
      ['Vpc', 'Instances'],
    );
    assert.deepEqual(rows.find((row) => row.logicalId === 'Vpc')?.reasons, [
      'CidrBlock (recreated always, by parameter VPCCIDR)',
    ]);
    assert.deepEqual(rows.find((row) => row.logicalId === 'Instances')?.reasons, [
      'LaunchTemplate (recreated conditionally, by the template)',
    ]);
    assert.deepEqual(rows.find((row) => row.logicalId === 'ServiceWebApi')?.reasons, [
      'TaskDefinition (in place, by resource ApiWebTasks)',
    ]);
    // No details: the scope says what changes.
    assert.deepEqual(rows.find((row) => row.logicalId === 'Cluster')?.reasons, ['Tags']);
  });

  it('summarises, and an empty change set is a valid preview', () => {
    assert.equal(
      previewSummary(previewRows(changes)),
      '1 to add, 1 to replace, 1 that may be replaced, 2 to modify in place, 1 to remove',
    );
    assert.equal(previewSummary([]), 'CloudFormation would change no resource');
    const empty = previewDocument(
      { rackName: 'acme/production', title: 'Set Autoscale=No', values: [['Autoscale', 'No', 'No']], notes: [] },
      [],
    );
    assert.match(empty, /reports no resource change/);
  });

  it('the document marks replacements where colour cannot, and shows the values asked for', () => {
    const text = previewDocument(
      {
        rackName: 'acme/production',
        title: 'Set VPCCIDR=10.1.0.0/16',
        values: [['VPCCIDR', '10.0.0.0/16', '10.1.0.0/16']],
        notes: ['A note.'],
      },
      previewRows(changes),
    );
    assert.match(text, /^acme\/production: Set VPCCIDR=10\.1\.0\.0\/16\n=+/);
    assert.match(text, /Preview only: nothing has changed yet/);
    assert.match(text, /!! 2 resource\(s\) may be replaced \(deleted and created anew\): Vpc, Instances\./);
    assert.match(text, /^!!\s+Replace\s+Vpc\s+AWS::EC2::VPC\s+CidrBlock/m);
    assert.match(text, /^\s+Modify\s+Cluster/m);
    assert.match(text, /VPCCIDR\s+10\.0\.0\.0\/16\s+10\.1\.0\.0\/16/);
    assert.match(text, /A note\./);
  });
});

describe('preview with a release source other than Convox', () => {
  const rack = {
    name: 'production',
    fullName: 'acme/production',
    profile: 'acme-prod',
    region: 'us-east-1',
    stackId: 'arn:stack/production',
    version: '20240101000000',
    parameters: { Version: '20240101000000' },
    tags: {},
  } as unknown as Rack;
  const requested: (string | undefined)[] = [];
  const dependencies = (releasesUrl: string): PreviewDependencies => ({
    releases: {
      templateParameters: async (_rack, url) => (requested.push(url), [{ key: 'Version' }] as TemplateParameter[]),
    },
    previewer: {
      preview: async (_rack, request) => (
        requested.push(request.templateUrl),
        { changes: [], noChanges: false, deleted: true, calls: 1 }
      ),
    },
    releasesUrl,
    timing: { deadlineMs: 1_000, pollMs: 10 },
  });
  const update: RackChange = { kind: 'version', version: '20250101000000' };

  it("names the mirror's host and says the rack applies Convox's published template", async () => {
    requested.length = 0;
    const { document } = await previewChange(
      dependencies('https://user:secret@mirror.example.com/convox/versions.json'),
      rack,
      update,
      [],
    );
    assert.deepEqual(requested, [
      'https://user:secret@mirror.example.com/convox/20250101000000/rack.json',
      'https://user:secret@mirror.example.com/convox/20250101000000/rack.json',
    ]);
    assert.ok(document.includes(mirrorNote('mirror.example.com')), document);
    assert.match(
      mirrorNote('mirror.example.com'),
      /come from mirror\.example\.com .*The rack itself always applies Convox's published template/,
    );
    assert.doesNotMatch(document, /secret/, 'no password of the URL is shown');
  });
  it('says nothing of a mirror for the published list', async () => {
    const { document } = await previewChange(dependencies(defaultReleasesUrl), rack, update, []);
    assert.doesNotMatch(document, /published template|convox\.releasesUrl/);
  });
  it('finds the host of a release list, without user or password', () => {
    assert.equal(mirrorHost(defaultReleasesUrl), undefined);
    assert.equal(mirrorHost('https://mirror.example.com:8443/a/versions.json'), 'mirror.example.com:8443');
    assert.equal(mirrorHost('https://me:pw@mirror.example.com/versions.json'), 'mirror.example.com');
    assert.equal(mirrorHost('http://127.0.0.1:9/release/versions.json'), '127.0.0.1:9');
  });
});

describe('change set preview: rows at their edges', () => {
  it('an action CloudFormation may add later is Other, after removals', () => {
    const rows = previewRows([
      change('Import', 'Imported', 'AWS::S3::Bucket', { scope: ['Properties'] }),
      change('Remove', 'Old', 'AWS::S3::Bucket'),
    ]);
    assert.deepEqual(
      rows.map((row) => `${row.action} ${row.logicalId} ${row.highlighted}`),
      ['Remove Old false', 'Other Imported false'],
    );
  });

  it('says only what a detail tells: the recreation, the source, or the name alone', () => {
    const [row] = previewRows([
      change('Modify', 'Cluster', 'AWS::ECS::Cluster', {
        replacement: 'False',
        details: [
          { attribute: 'Tags', requiresRecreation: 'Never' },
          { attribute: 'Properties', name: 'Settings' },
          { attribute: 'Properties', name: 'Name', requiresRecreation: 'Eventually' },
          { attribute: 'Properties', name: 'Capacity', changeSource: 'Automatic', causingEntity: 'Nested' },
          { attribute: 'Properties', name: 'Image', changeSource: 'ParameterReference' },
          { attribute: 'Properties', name: 'Role', changeSource: 'ResourceReference' },
        ],
      }),
    ]);
    assert.deepEqual(row.reasons, ['Tags (in place)', 'Settings', 'Name (eventually)', 'Capacity', 'Image', 'Role']);
  });

  it('a detail naming nothing is left out, and then the scope says what changes', () => {
    const [row] = previewRows([
      change('Modify', 'Cluster', 'AWS::ECS::Cluster', {
        replacement: 'False',
        scope: ['Properties', 'Tags'],
        details: [{ requiresRecreation: 'Never', changeSource: 'DirectModification' }],
      }),
    ]);
    assert.deepEqual(row.reasons, ['Properties, Tags']);
  });

  it('no details and no scope: no reason; an addition or removal needs none', () => {
    const rows = previewRows([
      change('Modify', 'Cluster', 'AWS::ECS::Cluster', { replacement: 'False' }),
      change('Add', 'New', 'AWS::S3::Bucket', { scope: ['Properties'] }),
      change('Remove', 'Old', 'AWS::S3::Bucket', { scope: ['Properties'] }),
    ]);
    assert.deepEqual(
      rows.map((row) => row.reasons),
      [[], [], []],
    );
  });
});

describe('change set preview: the document as the person reads it', () => {
  it('title, summary, replacements, notes, values and resources, in that order', () => {
    const rows = previewRows([
      change('Modify', 'Vpc', 'AWS::EC2::VPC', {
        replacement: 'True',
        details: [
          { attribute: 'Properties', name: 'CidrBlock', requiresRecreation: 'Always' },
          { attribute: 'Tags', requiresRecreation: 'Never' },
        ],
      }),
      change('Add', 'Bucket', 'AWS::S3::Bucket'),
    ]);
    const text = previewDocument(
      {
        rackName: 'acme/prod',
        title: 'Set VPCCIDR=10.1.0.0/16',
        values: [['VPCCIDR', '10.0.0.0/16', '10.1.0.0/16']],
        notes: ['First note.', 'Second note.'],
      },
      rows,
    );
    assert.equal(
      text,
      [
        'acme/prod: Set VPCCIDR=10.1.0.0/16',
        '==================================',
        '',
        'Preview only: nothing has changed yet.',
        '1 to add, 1 to replace, 0 that may be replaced, 0 to modify in place, 0 to remove.',
        '!! 1 resource(s) may be replaced (deleted and created anew): Vpc.',
        'First note.',
        'Second note.',
        '',
        'Values',
        '------',
        'PARAMETER  NOW          AFTER',
        'VPCCIDR    10.0.0.0/16  10.1.0.0/16',
        '',
        'Resources',
        '---------',
        '    ACTION   RESOURCE  TYPE             WHY',
        '    Add      Bucket    AWS::S3::Bucket',
        '!!  Replace  Vpc       AWS::EC2::VPC    CidrBlock (recreated always); Tags (in place)',
        '',
      ].join('\n'),
    );
  });

  it('without a replacement, says nothing of one', () => {
    const text = previewDocument(
      { rackName: 'acme/prod', title: 'Set Autoscale=No', values: [], notes: [] },
      previewRows([change('Add', 'Bucket', 'AWS::S3::Bucket')]),
    );
    assert.doesNotMatch(text, /may be replaced \(/);
    assert.match(
      text,
      /^1 to add, 0 to replace, 0 that may be replaced, 0 to modify in place, 0 to remove\.\n\nValues/m,
    );
  });
});

describe('preview of each kind of rack change', () => {
  const rack = {
    name: 'production',
    displayName: 'acme/production',
    profile: 'acme-prod',
    region: 'us-east-1',
    stackId: 'arn:stack/production',
    parameters: { Version: '20240101000000', Autoscale: 'Yes', InstanceCount: '3', HighAvailability: 'true' },
  } as unknown as Rack;
  const template = [{ key: 'Version' }, { key: 'Autoscale' }, { key: 'InstanceCount' }] as TemplateParameter[];
  const run = async (
    change: RackChange,
    on: Rack = rack,
    deleted = true,
  ): Promise<{ document: string; calls: string[]; keys: readonly string[] }> => {
    const calls: string[] = [];
    let keys: readonly string[] = [];
    const { document } = await previewChange(
      {
        releases: {
          templateParameters: async (_rack, url) => (
            calls.push(`templateParameters ${url}`),
            [{ key: 'Version' }, { key: 'NewOption' }] as TemplateParameter[]
          ),
        },
        previewer: {
          preview: async (_rack, request) => {
            calls.push(`preview ${request.templateUrl ?? 'the stack’s own template'}`);
            keys = request.templateParameterKeys;
            return { changes: [], noChanges: true, deleted, calls: 1 };
          },
        },
        releasesUrl: defaultReleasesUrl,
        timing: { deadlineMs: 1_000, pollMs: 10 },
      },
      on,
      change,
      template,
    );
    return { document, calls, keys };
  };
  /** The notes: the lines between the summary and the values. */
  const notes = (document: string): string[] => {
    const lines = document.split('\n');
    return lines.slice(lines.indexOf('CloudFormation would change no resource.') + 1, lines.indexOf('Values') - 1);
  };
  const applying =
    'Applying sends this change to the rack API (PUT /system), as the convox CLI does; the rack updates its own stack.';

  it('a new release: its template’s parameters, read beside the release list', async () => {
    const { calls, keys } = await run({ kind: 'version', version: '20250101000000' });
    const url = 'https://convox.s3.amazonaws.com/release/20250101000000/rack.json';
    assert.deepEqual(calls, [`templateParameters ${url}`, `preview ${url}`]);
    assert.deepEqual(keys, ['Version', 'NewOption']);
  });

  it('parameters: the stack’s own template and its parameters, and only the note on applying', async () => {
    const { document, calls, keys } = await run({ kind: 'parameters', parameters: { Autoscale: 'No' } });
    assert.deepEqual(calls, ['preview the stack’s own template']);
    assert.deepEqual(keys, ['Version', 'Autoscale', 'InstanceCount']);
    assert.deepEqual(notes(document), [applying]);
    assert.match(document, /^Autoscale\s+Yes\s+No$/m);
  });

  it('a scale while the autoscaler is on warns that the count may change again', async () => {
    const { document } = await run({ kind: 'scale', count: 4 });
    assert.deepEqual(notes(document), [autoscaleWarning(rack), applying]);
    const off = { ...rack, parameters: { ...rack.parameters, Autoscale: 'No' } } as Rack;
    assert.deepEqual(notes((await run({ kind: 'scale', count: 4 }, off)).document), [applying]);
  });

  it('says when the preview’s change set could not be deleted', async () => {
    const { document } = await run({ kind: 'parameters', parameters: { Autoscale: 'No' } }, rack, false);
    assert.deepEqual(notes(document), [
      'The preview change set could not be deleted; it is never executed, and you may delete it in the CloudFormation console.',
      applying,
    ]);
  });
});
