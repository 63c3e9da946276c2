import * as assert from 'node:assert/strict';
import type { Release } from '../../../src/model/install/releases';
import { targetRelease, updateChoices } from '../../../src/model/update/target';

const release = (version: string, published = true, required = false): Release => ({
  version,
  description: '',
  published,
  required,
});

describe("update target version (the CLI's Versions.Next)", () => {
  const list = [
    release('20250101000000'),
    release('20250201000000'),
    release('20250301000000', true, true),
    release('20250401000000', false, true),
    release('20250501000000', true, true),
    release('20250601000000'),
  ];

  it('is the first later release that is published and required', () => {
    assert.equal(targetRelease(list, '20250101000000'), '20250301000000');
    // An unpublished required release is skipped.
    assert.equal(targetRelease(list, '20250301000000'), '20250501000000');
  });

  it('else the newest published one after the current, in list order (never sorted by name)', () => {
    assert.equal(targetRelease(list, '20250501000000'), '20250601000000');
    const unsorted = [
      release('20250101000000'),
      release('20250301000000'),
      release('20250201000000'),
      release('20250401000000', false),
    ];
    assert.equal(targetRelease(unsorted, '20250101000000'), '20250201000000');
  });

  it('the current version when nothing is newer; the newest published when the current is not listed', () => {
    assert.equal(targetRelease(list, '20250601000000'), '20250601000000');
    assert.equal(
      targetRelease([release('20250101000000'), release('20250201000000')], '20240101000000'),
      '20250201000000',
    );
    assert.equal(targetRelease([], '20240101000000'), '20240101000000');
  });

  it('offers the published releases after the current one, newest first', () => {
    assert.deepEqual(
      updateChoices(list, '20250201000000').map((choice) => choice.version),
      ['20250601000000', '20250501000000', '20250301000000'],
    );
    assert.deepEqual(updateChoices(list, '20250601000000'), []);
  });

  it('with no current version, every published release is later', () => {
    assert.equal(targetRelease(list, undefined), '20250301000000');
    assert.deepEqual(
      updateChoices(list, undefined).map((choice) => choice.version),
      ['20250601000000', '20250501000000', '20250301000000', '20250201000000', '20250101000000'],
    );
    assert.equal(targetRelease([], undefined), undefined);
  });
});
