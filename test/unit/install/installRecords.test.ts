import * as assert from 'node:assert/strict';
import { InstallRecords, type InstallRecord } from '../../../src/views/install/installRecords';
import { MemoryState } from '../memoryState';

const record = (name: string): InstallRecord => ({
  profile: 'acme-prod',
  region: 'us-east-1',
  name,
  stackId: `arn:stack/${name}`,
  total: 35,
  startedAt: 1,
});

describe('records of installs under way', () => {
  it('keeps one record per stack, replaced when added again, and removes it', async () => {
    const records = new InstallRecords(new MemoryState().memento);
    await records.add(record('a'));
    await records.add(record('b'));
    await records.add({ ...record('a'), total: 40 });
    assert.deepEqual(
      records.all().map((each) => `${each.name}:${each.total}`),
      ['b:35', 'a:40'],
    );
    await records.remove('arn:stack/b');
    assert.deepEqual(
      records.all().map((each) => each.name),
      ['a'],
    );
  });

  it('ignores stored entries of another shape, so a reload never resumes from a broken one', () => {
    const state = new MemoryState();
    state.values.set('convox.installs', [
      { name: 'x', stackId: 's' },
      42,
      record('ok'),
      { ...record('late'), startedAt: 'yesterday' },
    ]);
    assert.deepEqual(
      new InstallRecords(state.memento).all().map((each) => each.name),
      ['ok'],
    );
  });
});
