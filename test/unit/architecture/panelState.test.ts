import * as assert from 'node:assert/strict';
import { parsePanelState } from '../../../src/model/architecture/panelState';
import { maxIdLength } from '../../../src/model/architecture/protocol';

const rack = {
  fullName: 'acme/production',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/production/0a1b2c',
};
const view = { zoom: 1.25, panX: -40, panY: 12.5, selected: 'server/i-0abc' };

describe('architecture panel state', () => {
  it('keeps the rack identity and the view state, as copies', () => {
    const raw = JSON.parse(JSON.stringify({ rack, view }));
    const state = parsePanelState(raw);
    assert.deepEqual(state, { rack, view });
    assert.notEqual(state?.rack, raw.rack);
  });

  it('keeps the rack without a view state, or with a view state that is not one', () => {
    assert.deepEqual(parsePanelState({ rack }), { rack });
    for (const bad of [
      null,
      'zoomed',
      [],
      { zoom: 100, panX: 0, panY: 0 },
      { zoom: 1, panX: 0 },
      { ...view, extra: true },
      { ...view, selected: 7 },
      { ...view, legend: 'hidden' },
    ]) {
      assert.deepEqual(parsePanelState({ rack, view: bad }), { rack }, JSON.stringify(bad));
    }
  });

  it('keeps the legend hidden when it was', () => {
    const hidden = { ...view, legend: false };
    assert.deepEqual(parsePanelState({ rack, view: hidden }), { rack, view: hidden });
  });

  it('keeps a view state with nothing selected without a selection', () => {
    const unselected = { zoom: 1, panX: 0, panY: 0 };
    assert.deepEqual(parsePanelState({ rack, view: unselected }), { rack, view: unselected });
  });

  it('keeps the longest stack id and name allowed, and refuses longer ones', () => {
    const longestId = `arn:${'x'.repeat(maxIdLength - 4)}`;
    assert.deepEqual(parsePanelState({ rack: { ...rack, stackId: longestId } }), {
      rack: { ...rack, stackId: longestId },
    });
    const longestName = `${'a'.repeat(100)}/${'b'.repeat(155)}`;
    assert.deepEqual(parsePanelState({ rack: { ...rack, fullName: longestName } }), {
      rack: { ...rack, fullName: longestName },
    });
    assert.equal(parsePanelState({ rack: { ...rack, fullName: `${longestName}b` } }), undefined);
  });

  it('drops what it does not know', () => {
    assert.deepEqual(parsePanelState({ rack: { ...rack, profile: 'acme-prod' }, view, data: { servers: [] } }), {
      rack,
      view,
    });
  });

  it('refuses a state without a rack it could look up', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'acme/production',
      {},
      { rack: null },
      { rack: { fullName: 'acme/production' } },
      { rack: { ...rack, stackId: 'production' } },
      { rack: { ...rack, stackId: `arn:${'x'.repeat(maxIdLength)}` } },
      { rack: { ...rack, fullName: 'production' } },
      { rack: { ...rack, fullName: 'acme/prod/x' } },
      { rack: { ...rack, fullName: 'acme/pro duction' } },
      { rack: { ...rack, fullName: 42 } },
    ];
    for (const raw of bad) assert.equal(parsePanelState(raw), undefined, JSON.stringify(raw));
  });
});
