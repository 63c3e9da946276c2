import * as assert from 'node:assert/strict';
import { errorText, maxErrorChars } from '../../../src/rackApi/client';

describe("a rack API's error text", () => {
  it("is the JSON error's text, cut to its limit", () => {
    const long = `No updates [x](command:workbench.action.terminal.new) ${'z'.repeat(20_000)}`;
    const text = errorText(500, JSON.stringify({ error: long }));
    assert.equal(Array.from(text).length, maxErrorChars);
    assert.ok(text.startsWith('No updates'));
    assert.ok(text.endsWith('…'));
  });

  it('is the plain body when it is not JSON, cut the same way, and the status when empty', () => {
    assert.equal(Array.from(errorText(502, `<html>${'x'.repeat(5_000)}`)).length, maxErrorChars);
    assert.equal(errorText(502, '  '), 'HTTP 502');
    assert.equal(errorText(400, '{"error":"invalid count: x"}'), 'invalid count: x');
  });
});
