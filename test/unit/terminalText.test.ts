import * as assert from 'node:assert/strict';
import {
  ellipsis,
  errorLineLimit,
  escapeControlCharacters,
  tableCellLimit,
  terminalField,
} from '../../src/model/terminalText';

describe('terminal text', () => {
  describe('escaping control characters', () => {
    it('writes newline, carriage return and tab by name', () => {
      assert.equal(escapeControlCharacters('a\nb\rc\td'), 'a\\nb\\rc\\td');
    });

    it('writes the other C0 controls, DEL and the C1 controls as \\xHH, ends of each range included', () => {
      assert.equal(escapeControlCharacters('\u001b[31mred\u001b[0m'), '\\x1b[31mred\\x1b[0m');
      assert.equal(
        escapeControlCharacters('\u0000 \u0007 \b \u000b \u000c \u001f'),
        '\\x00 \\x07 \\x08 \\x0b \\x0c \\x1f',
      );
      assert.equal(escapeControlCharacters('\u007f \u0080 \u009b \u009f'), '\\x7f \\x80 \\x9b \\x9f');
    });

    it('writes the bidirectional embeddings, overrides and isolates as \\uHHHH', () => {
      assert.equal(escapeControlCharacters('\u202a\u202b\u202c\u202d\u202e'), '\\u202a\\u202b\\u202c\\u202d\\u202e');
      assert.equal(escapeControlCharacters('\u2066\u2067\u2068\u2069'), '\\u2066\\u2067\\u2068\\u2069');
      assert.equal(escapeControlCharacters('rack\u202etxt.exe'), 'rack\\u202etxt.exe');
    });

    it('leaves printable text alone, just outside each range too', () => {
      for (const text of [' ~', '\u00a0é£', '東京', 'Ünïcödé ✓ 🚀', '\u2029\u202f\u2065\u206a', 'C:\\path\\x1b', '']) {
        assert.equal(escapeControlCharacters(text), text);
      }
    });
  });

  describe('fitting a field', () => {
    it('keeps a field that fits, escaped', () => {
      assert.equal(terminalField('production', tableCellLimit), 'production');
      assert.equal(terminalField('x'.repeat(tableCellLimit), tableCellLimit), 'x'.repeat(tableCellLimit));
      assert.equal(terminalField('a\u001bb', 6), 'a\\x1bb');
    });

    it('cuts a longer field to exactly the limit, ending in an ellipsis', () => {
      const field = terminalField('y'.repeat(tableCellLimit + 1), tableCellLimit);
      assert.equal(field.length, tableCellLimit);
      assert.equal(field, `${'y'.repeat(tableCellLimit - 1)}${ellipsis}`);
      assert.equal(terminalField('東京東京東京', 4), '東京東…');
      assert.equal(terminalField('abc', 1), ellipsis);
    });

    it('measures the escaped text, not the raw one', () => {
      // 3 raw characters, but 6 once escaped: too long for 5.
      assert.equal(terminalField('a\u001bb', 5), 'a…');
    });

    it('escapes before cutting and never cuts an escape sequence or a character in half', () => {
      const text = `${'z'.repeat(8)}\u202e${'z'.repeat(10)}`;
      // The escape sequence spans units 9 to 14: it is kept whole when it fits and left out when it does not.
      assert.equal(terminalField(text, 15), `${'z'.repeat(8)}\\u202e${ellipsis}`);
      for (const limit of [10, 11, 12, 13, 14])
        assert.equal(terminalField(text, limit), `${'z'.repeat(8)}${ellipsis}`, `limit ${limit}`);
      assert.equal(terminalField('ab🚀cd', 4), `ab${ellipsis}`, 'the two halves of a surrogate pair stay together');
      assert.equal(terminalField('ab🚀cd', 5), `ab🚀${ellipsis}`);
    });

    it('gives error lines more room than table cells', () => {
      assert.ok(errorLineLimit > tableCellLimit);
      const message = `AccessDenied: ${'detail '.repeat(100)}`;
      assert.equal(terminalField(message, errorLineLimit).length, errorLineLimit);
      assert.equal(terminalField(message, tableCellLimit).length, tableCellLimit);
    });

    it('refuses a limit with no room for the ellipsis', () => {
      assert.throws(() => terminalField('abc', 0), {
        name: 'RangeError',
        message: 'limit must be a whole number of at least 1, not 0',
      });
      for (const limit of [-1, 2.5, Number.NaN])
        assert.throws(() => terminalField('abc', limit), RangeError, `limit ${limit}`);
    });
  });
});
