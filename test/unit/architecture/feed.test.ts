import * as assert from 'node:assert/strict';
import { ArchitectureFeed } from '../../../src/model/architecture/feed';
import { layoutOf } from '../../../src/model/architecture/layout';
import type { ExtensionMessage } from '../../../src/model/architecture/protocol';
import { sceneOf } from '../../../src/model/architecture/scene';
import { rackData, serverId } from './fixtures';

const rack = {
  fullName: 'acme/production',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/production/0a1b2c',
};
const readAt = Date.parse('2025-06-01T12:00:00Z');
const later = readAt + 10_000;

function types(messages: ExtensionMessage[]): string[] {
  return messages.map((message) => message.type);
}

describe('architecture feed', () => {
  it('sends nothing before the first read ends, and has no component to look up', () => {
    const feed = new ArchitectureFeed(rack);
    assert.deepEqual(feed.messages({}, later), []);
    assert.equal(feed.component('stack'), undefined);
  });

  it('sends the whole picture first, with the rack and the time it was read', () => {
    const feed = new ArchitectureFeed(rack);
    const data = rackData({ serversPerZone: 2 });
    const [message] = feed.messages({ data, readAt }, later);
    assert.equal(message.type, 'scene');
    if (message.type !== 'scene') return;
    assert.deepEqual(message.layout, layoutOf(sceneOf(data)));
    assert.equal(message.updatedAt, '2025-06-01T12:00:00.000Z');
    assert.deepEqual(message.rack, rack);
    assert.deepEqual(feed.layout, message.layout);
    assert.equal(feed.component(`server/${serverId(0, 0)}`)?.kind, 'server');
    assert.equal(feed.component('server/i-none'), undefined);
  });

  it('then only what changed, or that nothing did', () => {
    const feed = new ArchitectureFeed(rack);
    feed.messages({ data: rackData({ serversPerZone: 2 }), readAt }, readAt);
    const same = feed.messages({ data: rackData({ serversPerZone: 2 }), readAt: later }, later);
    assert.deepEqual(same, [{ type: 'unchanged', updatedAt: new Date(later).toISOString() }]);
    const draining = rackData({ serversPerZone: 2 });
    draining.runtime.servers[0].status = 'draining';
    const [update] = feed.messages({ data: draining, readAt: later }, later);
    assert.equal(update.type, 'update');
    if (update.type !== 'update') return;
    assert.ok(
      update.update.changed.some(({ component }) => component.id === `server/${draining.runtime.servers[0].id}`),
    );
    assert.equal(feed.component(`server/${draining.runtime.servers[0].id}`)?.status?.text, 'draining');
  });

  it('says why a read failed, keeping the picture, and sends the whole picture once reads work again', () => {
    const feed = new ArchitectureFeed(rack);
    const data = rackData();
    feed.messages({ data, readAt }, readAt);
    const failed = feed.messages({ data, readAt, error: new Error('AWS did not answer in time') }, later);
    assert.deepEqual(failed, [
      { type: 'failed', message: 'AWS did not answer in time', at: new Date(later).toISOString() },
    ]);
    assert.ok(feed.layout, 'the last picture stays');
    assert.deepEqual(types(feed.messages({ data, readAt: later }, later)), ['scene']);
  });

  it('gives a page that loaded again the last picture before the failure', () => {
    const feed = new ArchitectureFeed(rack);
    const data = rackData();
    feed.messages({ data, readAt }, readAt);
    feed.restart();
    assert.equal(feed.layout, undefined);
    assert.deepEqual(types(feed.messages({ data, readAt, error: new Error('throttled') }, later)), ['scene', 'failed']);
    assert.deepEqual(
      types(new ArchitectureFeed(rack).messages({ error: new Error('access denied') }, later)),
      ['failed'],
      'no picture to keep',
    );
  });
});
