import * as assert from 'node:assert/strict';
import {
  ellipsis,
  shortenMiddle,
  textWidth,
  wrapText,
  type FontKind,
} from '../../../src/model/architecture/textMetrics';

const fonts: FontKind[] = ['text', 'title'];

describe('architecture: text widths', () => {
  it('measure DejaVu Sans, the widest usual interface font, with a margin', () => {
    // DejaVu Sans at 12 px: "i" is 3.34 px, "m" 11.69 px, a digit 7.63 px (Chromium's own measure).
    assert.ok(Math.abs(textWidth('i', 'text') - 0.28 * 12 * 1.05) < 1e-9);
    assert.ok(textWidth('m', 'text') >= 11.69 && textWidth('0', 'text') >= 7.63);
    assert.ok(textWidth('0', 'title') > textWidth('0', 'text'), 'the bold title font is wider');
  });

  it('add up character by character, and take anything beyond ASCII as a whole em', () => {
    assert.ok(Math.abs(textWidth('ab', 'text') - (textWidth('a', 'text') + textWidth('b', 'text'))) < 1e-9);
    assert.ok(Math.abs(textWidth('中', 'text') - 12 * 1.05) < 1e-9);
    assert.equal(textWidth('', 'title'), 0);
  });
});

describe('architecture: shortening in the middle', () => {
  const id = 'i-005fa3238df31fc00';

  it('leaves a text that fits as it is', () => {
    for (const font of fonts) assert.equal(shortenMiddle(id, textWidth(id, font), font), id);
  });

  it('keeps the start and the end of an id that does not fit, around one “…”, within the room', () => {
    const room = textWidth('i-005f…1c00', 'title');
    const short = shortenMiddle(id, room, 'title');
    assert.equal(short, 'i-005…1fc00');
    assert.ok(textWidth(short, 'title') <= room);
    for (let room = textWidth(ellipsis, 'text'); room < textWidth(id, 'text'); room += 7) {
      const shortened = shortenMiddle(id, room, 'text');
      assert.ok(textWidth(shortened, 'text') <= room, `${shortened} within ${room}`);
      const [head, tail] = shortened.split(ellipsis);
      assert.ok(id.startsWith(head) && id.endsWith(tail), shortened);
      assert.ok(head.length - tail.length <= 1 && head.length >= tail.length, 'the start first, then alike');
    }
  });
});

describe('architecture: wrapping', () => {
  it('breaks after spaces, which it drops, and keeps every word whole when it fits', () => {
    const text = 'converging: servers are rolling one after another';
    const room = textWidth('converging: servers', 'text');
    const lines = wrapText(text, room, 'text');
    assert.deepEqual(lines, ['converging: servers', 'are rolling one', 'after another']);
    assert.equal(lines.join(' '), text);
  });

  it('breaks a host after its dots and dashes, never losing a character', () => {
    const host = 'production-router-1234567890.us-east-1.elb.amazonaws.com';
    const room = textWidth('production-router-', 'text') + 1;
    const lines = wrapText(host, room, 'text');
    assert.deepEqual(lines, ['production-router-', '1234567890.us-', 'east-1.elb.', 'amazonaws.com']);
    assert.equal(lines.join(''), host);
  });

  it('cuts a word too long for any line between characters', () => {
    const word = 'a'.repeat(40);
    const lines = wrapText(word, textWidth('aaaaaaaaaa', 'text'), 'text');
    assert.deepEqual(lines, ['aaaaaaaaaa', 'aaaaaaaaaa', 'aaaaaaaaaa', 'aaaaaaaaaa']);
  });

  it('fits every line in the room, ends none with “…” or a space, and gives nothing for nothing', () => {
    const text = 'host <img src=x onerror=alert(1)>.example.com · 4 tasks · version 20250101120000 ünïcödé 中文';
    for (const font of fonts) {
      for (let room = 20; room < 400; room += 13) {
        const lines = wrapText(text, room, font);
        for (const line of lines) {
          assert.ok(textWidth(line, font) <= room || [...line].length === 1, `${line} within ${room}`);
          assert.doesNotMatch(line, /…$|\s$|^\s/);
        }
        assert.equal(lines.join('').replace(/\s/g, ''), text.replace(/\s/g, ''));
      }
    }
    assert.deepEqual(wrapText('   ', 100, 'text'), []);
  });
});
