import * as assert from 'node:assert/strict';
import { asError, messageOf } from '../../src/model/errorMessage';

describe('caught values', () => {
  it("says an Error's message, and any other value as text", () => {
    assert.equal(messageOf(new TypeError('no such rack')), 'no such rack');
    assert.equal(messageOf('plain text'), 'plain text');
    assert.equal(messageOf(42), '42');
    assert.equal(messageOf(undefined), 'undefined');
  });

  it('keeps an Error as it is and wraps anything else', () => {
    const error = new RangeError('too far');
    assert.equal(asError(error), error);
    const wrapped = asError('timed out');
    assert.ok(wrapped instanceof Error);
    assert.equal(wrapped.message, 'timed out');
  });
});
