import * as assert from 'node:assert/strict';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { keepConvoxStacks } from '../../src/aws/convoxStacksOnly';
import { loadProfiles } from '../../src/aws/profiles';
import { defaultScenario } from '../sim';
import { simulatedAws, type SimulatedAws } from './helpers';

const member = (body: string): string => `<member>${body}</member>`;
const tags = (pairs: Record<string, string>): string =>
  `<Tags>${Object.entries(pairs)
    .map(([key, value]) => member(`<Key>${key}</Key><Value>${value}</Value>`))
    .join('')}</Tags>`;
const stack = (name: string, extra = ''): string =>
  member(
    `<StackName>${name}</StackName><Parameters>${member('<ParameterKey>A</ParameterKey><ParameterValue>1</ParameterValue>')}</Parameters>${extra}`,
  );
const page = (stacks: string[], nextToken = 'abc'): string =>
  `<DescribeStacksResponse xmlns="x"><DescribeStacksResult><Stacks>${stacks.join('\n')}</Stacks><NextToken>${nextToken}</NextToken></DescribeStacksResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeStacksResponse>`;
const names = (xml: string): string[] => [...xml.matchAll(/<StackName>([^<]*)<\/StackName>/g)].map((match) => match[1]);

describe('trimming DescribeStacks answers to Convox stacks', () => {
  const rack = stack('production', tags({ System: 'convox', Type: 'rack' }));
  const app = stack('production-web', tags({ System: 'convox', Type: 'app', Rack: 'production' }));
  const legacy = stack(
    'legacy',
    `<Outputs>${member('<OutputKey>Dashboard</OutputKey><OutputValue>x</OutputValue>')}</Outputs>`,
  );
  const foreign = stack('billing', tags({ Team: 'convox-fans' }));
  const untagged = stack('network');

  it('keeps racks, apps and legacy racks, drops the rest, and keeps what surrounds the list', () => {
    const trimmed = keepConvoxStacks(page([foreign, rack, untagged, app, legacy]));
    assert.deepEqual(names(trimmed), ['production', 'production-web', 'legacy']);
    assert.ok(trimmed.includes('<NextToken>abc</NextToken></DescribeStacksResult><ResponseMetadata>'));
    assert.ok(trimmed.includes(rack) && trimmed.includes(legacy));
  });

  it('tells member tags from text that ends the same way', () => {
    const lookalike = stack('members', tags({ Team: 'a-member>', Path: 'x/member>' }));
    const trimmed = keepConvoxStacks(page([lookalike, rack]));
    assert.deepEqual(names(trimmed), ['production']);
  });

  it('leaves a page with no Convox stack an empty list', () => {
    assert.equal(keepConvoxStacks(page([foreign, untagged])), page([]));
  });

  it('returns anything not shaped as AWS writes it unchanged', () => {
    const shapes = [
      'not xml at all',
      page([rack]).slice(0, 200),
      page([rack, foreign]).replace('</member>\n<member>', '</member>text<member>'),
      page([foreign, '</member>']),
      page([foreign]).replace('</Stacks>', ''),
      page(['<member/>', foreign]),
    ];
    for (const xml of shapes) assert.equal(keepConvoxStacks(xml), xml);
  });

  describe('in a CloudFormation client talking to the simulator', function () {
    this.timeout(30_000);
    let aws: SimulatedAws;
    before(async () => {
      aws = await simulatedAws(defaultScenario());
    });
    after(() => aws.stop());

    async function stackNames(stackName?: string): Promise<string[]> {
      const ports = aws.ports();
      const [profile] = (await loadProfiles()).profiles.filter((candidate) => candidate.name === 'acme-prod');
      const answer = await ports.clients
        .cloudFormation(profile, 'us-east-1')
        .send(new DescribeStacksCommand({ StackName: stackName }));
      ports.dispose();
      return (answer.Stacks ?? []).map((each) => each.StackName ?? '');
    }

    it('lists only Convox stacks when listing a whole region', async () => {
      const listed = await stackNames();
      assert.ok(
        listed.includes('production') && listed.includes('legacy') && listed.includes('production-web'),
        listed.join(),
      );
      for (const other of ['CDKToolkit', 'shared-network', 'billing-alarms'])
        assert.ok(!listed.includes(other), `${other} was listed`);
    });

    it('answers a stack asked for by name whatever it is', async () => {
      assert.deepEqual(await stackNames('shared-network'), ['shared-network']);
    });
  });
});
