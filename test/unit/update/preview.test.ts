import * as assert from 'node:assert/strict';
import type { TemplateParameter } from '../../../src/model/install/parameters';
import { defaultReleasesUrl, mirrorHost } from '../../../src/model/install/releases';
import type { Rack } from '../../../src/model/rack';
import { previewDocument, previewRows, previewSummary, type ResourceChange } from '../../../src/model/update/preview';
import { mirrorNote, previewChange, type PreviewDependencies } from '../../../src/model/update/previewChange';
import type { RackChange } from '../../../src/model/update/rackChange';

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
    installer: {
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
