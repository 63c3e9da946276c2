import * as assert from 'node:assert/strict';
import { accessibleName, type NamedParts } from '../../../src/model/architecture/accessibleName';
import { componentStatus } from '../../../src/model/architecture/componentStatus';
import { compareText, counted, wholePercent } from '../../../src/model/architecture/words';

describe('architecture: words', () => {
  it('counts with the plural only where it belongs', () => {
    assert.deepEqual([counted(0, 'task'), counted(1, 'task'), counted(4, 'task')], ['0 tasks', '1 task', '4 tasks']);
  });
  it('rounds shares to whole percentages', () => {
    assert.deepEqual([wholePercent(0), wholePercent(0.254), wholePercent(1)], ['0%', '25%', '100%']);
  });
  it('orders by code unit, whatever the locale', () => {
    assert.deepEqual(['b', 'B', 'a', 'Z'].sort(compareText), ['B', 'Z', 'a', 'b']);
  });
  it('compares as -1, 0 or 1', () => {
    assert.deepEqual([compareText('a', 'b'), compareText('b', 'a'), compareText('a', 'a')], [-1, 1, 0]);
  });
});

describe('architecture: accessible names', () => {
  it('say kind, id, status and facts', () => {
    const name = accessibleName({
      kind: 'server',
      noun: 'server',
      label: 'i-0abc123',
      status: componentStatus('running'),
      facts: ['4 tasks', 'us-east-1a'],
    });
    assert.equal(name, 'server i-0abc123 running, 4 tasks, us-east-1a');
  });
  it('say a spot server is one', () => {
    assert.equal(
      accessibleName({
        kind: 'server',
        noun: 'spot server',
        label: 'i-1',
        variant: 'spot',
        status: componentStatus('pending'),
        facts: [],
      }),
      'spot server i-1 pending',
    );
  });
  it('read the meters after the facts, as whole percentages', () => {
    assert.equal(
      accessibleName({
        kind: 'server',
        noun: 'server',
        label: 'i-1',
        status: componentStatus('running'),
        facts: ['2 tasks'],
        meters: [
          { label: 'CPU', share: 0.254 },
          { label: 'memory', share: 1 },
        ],
      }),
      'server i-1 running, 2 tasks, CPU 25%, memory 100%',
    );
  });
  it('say the name AWS knows a component by when its label is another', () => {
    const parts: NamedParts = {
      kind: 'rackService',
      noun: 'rack service',
      label: 'web',
      awsName: 'production-ServiceWebApi-W1',
      facts: ['1 task'],
    };
    assert.equal(
      accessibleName({ ...parts, status: componentStatus('running') }),
      'rack service web, ID production-ServiceWebApi-W1, running, 1 task',
    );
    assert.equal(accessibleName(parts), 'rack service web, ID production-ServiceWebApi-W1, 1 task');
  });
  it('say whether a load balancer is public or internal', () => {
    const parts: NamedParts = {
      kind: 'loadBalancer',
      noun: 'load balancer',
      label: 'production',
      status: componentStatus('running'),
      facts: [],
    };
    assert.equal(accessibleName({ ...parts, variant: 'public' }), 'load balancer production (public) running');
    assert.equal(accessibleName({ ...parts, variant: 'internal' }), 'load balancer production (internal) running');
  });
  it('leave out what a component does not have', () => {
    assert.equal(accessibleName({ kind: 'internet', noun: 'internet', label: '', facts: [] }), 'internet');
    assert.equal(
      accessibleName({ kind: 'zone', noun: 'zone', label: 'us-east-1a', facts: ['1 server: 1 running'] }),
      'zone us-east-1a, 1 server: 1 running',
    );
  });
  it('give a load balancer of no known variant no qualifier', () => {
    assert.equal(
      accessibleName({ kind: 'loadBalancer', noun: 'load balancer', label: 'production', facts: [] }),
      'load balancer production',
    );
  });
  it('only a load balancer reads its variant', () => {
    assert.equal(
      accessibleName({ kind: 'server', noun: 'build server', label: 'i-1', variant: 'build', facts: [] }),
      'build server i-1',
    );
  });
});
