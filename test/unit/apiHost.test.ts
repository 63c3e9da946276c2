import * as assert from 'node:assert/strict';
import { validApiHost } from '../../src/model/apiHost';
import { racksFromStacks } from '../../src/model/stacks';

describe("a rack API address (the stack's Dashboard output) is host[:port] or nothing", () => {
  const accepted = [
    'api.production.example',
    'rack-abc-1234567890.us-east-1.elb.amazonaws.com',
    '127.0.0.1:8443',
    'api.example:443',
    'localhost',
    '10.0.0.1',
    'web-01',
    '1password.example',
    'host:1',
    'host:65535',
    // 253 characters, the longest DNS name
    `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
  ];
  for (const host of accepted) {
    it(`accepts ${host}`, () => assert.equal(validApiHost(host), host));
  }

  const refused = [
    'evil.com/path',
    'a b',
    'host:99999',
    'host:0',
    'host:',
    'user@host',
    'host\nrm -rf ~',
    'host:443\n',
    '',
    'https://host',
    '-bad.example',
    'a..b',
    'host:44a',
    '999.1.1.1',
    `${'a'.repeat(64)}.example`,
    'host;id',
    '$(id).example',
    'host:+443',
    'host:65536',
    ':443',
    `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
  ];
  for (const host of refused) {
    it(`refuses ${JSON.stringify(host)}`, () => assert.equal(validApiHost(host), undefined));
  }

  it('a rack whose Dashboard output is hostile has no API address at all', () => {
    const origin = { organization: 'acme', profile: 'acme', region: 'us-east-1' };
    const stack = (dashboard: string) => ({
      stackId: `arn:aws:cloudformation:us-east-1:1:stack/r/${dashboard.length}`,
      name: 'r',
      status: 'CREATE_COMPLETE',
      createdAt: new Date(0),
      tags: { System: 'convox', Type: 'rack' },
      parameters: { Version: '1' },
      outputs: { Dashboard: dashboard },
    });
    assert.equal(racksFromStacks([stack('evil.com/x?')], origin)[0].apiHost, undefined);
    assert.equal(racksFromStacks([stack('api.ok.example:8443')], origin)[0].apiHost, 'api.ok.example:8443');
  });
});
