import * as assert from 'node:assert/strict';
import {
  maxCopyLength,
  maxIdLength,
  maxSvgLength,
  parseWebviewMessage,
  type WebviewMessage,
} from '../../../src/model/architecture/protocol';

const id = 'server/i-0abc123';

describe('architecture protocol: messages from the webview', () => {
  const valid: WebviewMessage[] = [
    { type: 'ready' },
    { type: 'retry' },
    { type: 'select', id },
    { type: 'openConsole', id },
    { type: 'revealInTree', id },
    { type: 'showLogs', id },
    { type: 'diagnose' },
    { type: 'copy', text: 'i-0abc123' },
    { type: 'exportSvg', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    { type: 'viewState', zoom: 1.5, panX: -120, panY: 40.5 },
    { type: 'viewState', zoom: 0.05, panX: 0, panY: 0, selected: id },
    { type: 'viewState', zoom: 20, panX: 10_000_000, panY: -10_000_000 },
    { type: 'viewState', zoom: 1, panX: 0, panY: 0, legend: false },
    { type: 'viewState', zoom: 1, panX: 0, panY: 0, selected: id, legend: true },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)} as a copy of its own`, () => {
      const parsed = parseWebviewMessage(JSON.parse(JSON.stringify(message)));
      assert.deepEqual(parsed, message);
      assert.notEqual(parsed, message);
    });
  }

  it('accepts the longest strings allowed', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'select', id: 'x'.repeat(maxIdLength) }), {
      type: 'select',
      id: 'x'.repeat(maxIdLength),
    });
    assert.equal(parseWebviewMessage({ type: 'copy', text: 'x'.repeat(maxCopyLength) })?.type, 'copy');
  });

  it('accepts a plain object without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { type: 'select', id });
    assert.deepEqual(parseWebviewMessage(bare), { type: 'select', id });
  });

  const refused: Array<[string, unknown]> = [
    ['nothing', undefined],
    ['null', null],
    ['a string', 'ready'],
    ['a number', 7],
    ['an array', [{ type: 'ready' }]],
    ['no type', {}],
    ['an unknown type', { type: 'delete', id }],
    ['an unknown type with the fields of a view state', { type: 'zoom', zoom: 1, panX: 0, panY: 0 }],
    ['a type that is not a string', { type: 1 }],
    ['a type inherited, not its own', Object.create({ type: 'ready' }) as unknown],
    [
      'an object of a class',
      new (class Message {
        type = 'ready';
      })(),
    ],
    ['ready with a field it does not have', { type: 'ready', id }],
    ['retry with a field of no message', { type: 'retry', extra: true }],
    ['select without an id', { type: 'select' }],
    ['select with an empty id', { type: 'select', id: '' }],
    ['select with a number for an id', { type: 'select', id: 12 }],
    ['select with an id too long', { type: 'select', id: 'x'.repeat(maxIdLength + 1) }],
    ['select with a field of another message', { type: 'select', id, text: 'x' }],
    ['openConsole with an object for an id', { type: 'openConsole', id: { toString: () => id } }],
    ['revealInTree with an array for an id', { type: 'revealInTree', id: [id] }],
    ['copy without text', { type: 'copy' }],
    ['copy of empty text', { type: 'copy', text: '' }],
    ['copy of text too long', { type: 'copy', text: 'x'.repeat(maxCopyLength + 1) }],
    ['exportSvg with a number', { type: 'exportSvg', svg: 1 }],
    ['exportSvg too large', { type: 'exportSvg', svg: 'x'.repeat(maxSvgLength + 1) }],
    ['viewState without panY', { type: 'viewState', zoom: 1, panX: 0 }],
    ['viewState with zoom as a string', { type: 'viewState', zoom: '1', panX: 0, panY: 0 }],
    ['viewState with zoom not a number', { type: 'viewState', zoom: Number.NaN, panX: 0, panY: 0 }],
    ['viewState with zoom 0', { type: 'viewState', zoom: 0, panX: 0, panY: 0 }],
    ['viewState with zoom past the largest', { type: 'viewState', zoom: 21, panX: 0, panY: 0 }],
    ['viewState with an infinite pan', { type: 'viewState', zoom: 1, panX: Number.POSITIVE_INFINITY, panY: 0 }],
    ['viewState with a pan far outside any diagram', { type: 'viewState', zoom: 1, panX: 0, panY: -1e9 }],
    ['viewState with selected not a string', { type: 'viewState', zoom: 1, panX: 0, panY: 0, selected: 3 }],
    ['viewState with selected null', { type: 'viewState', zoom: 1, panX: 0, panY: 0, selected: null }],
    ['viewState with an id field', { type: 'viewState', zoom: 1, panX: 0, panY: 0, id }],
    ['viewState with legend not a boolean', { type: 'viewState', zoom: 1, panX: 0, panY: 0, legend: 'no' }],
    ['viewState with legend null', { type: 'viewState', zoom: 1, panX: 0, panY: 0, legend: null }],
    ['select with a legend', { type: 'select', id, legend: false }],
  ];
  for (const [what, raw] of refused) {
    it(`refuses ${what}`, () => assert.equal(parseWebviewMessage(raw), undefined));
  }
});
