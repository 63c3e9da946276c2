import * as assert from 'node:assert/strict';
import { inertText, untrustedTextLimit } from '../../src/model/untrustedText';

/** Any `[label](target)` a renderer could take for a link, whatever the target: wider than VS Code's own rule. */
const linkSyntax = /\[[^\]]*\]\(/;
const commandLink = '[x](command:workbench.action.openSettings)';

describe('untrusted text', () => {
  it('breaks a command link so that no link syntax is left, keeping the words', () => {
    const shown = inertText(`Stack failed: ${commandLink} please click`);
    assert.equal(shown, 'Stack failed: [x] (command:workbench.action.openSettings) please click');
    assert.doesNotMatch(shown, linkSyntax);
  });
  it('breaks links of every target and with a title', () => {
    for (const link of [
      '[a](https://example.com)',
      '[a](file:///etc/passwd)',
      '[a](command:x "title")',
      "[a](command:x?%5B%22y%22%5D 'title')",
      '[](command:x)',
    ]) {
      assert.doesNotMatch(inertText(link), linkSyntax, link);
    }
  });
  it('breaks nested and backslash-escaped brackets (VS Code does not honour escapes)', () => {
    for (const hostile of [
      '[[x](command:a)](command:b)',
      '\\[x\\](command:a)',
      '[x\\](command:a)',
      '[x]](command:a)',
      '[[[x]]](command:a)',
      '[x](command:a)(command:b)',
      '[x]((command:a))',
    ]) {
      assert.doesNotMatch(inertText(hostile), linkSyntax, hostile);
    }
  });
  it('breaks a link hidden behind removed characters or line breaks', () => {
    for (const hostile of [
      '[x]\u0000(command:a)',
      '[x]\n(command:a)',
      '[x]\u200b(command:a)',
      '[x]\u202e(command:a)',
      '[x]\r\n\t(command:a)',
      '[x]\ufeff(command:a)',
    ]) {
      const shown = inertText(hostile);
      assert.doesNotMatch(shown, linkSyntax, JSON.stringify(hostile));
      assert.equal(shown, '[x] (command:a)', JSON.stringify(hostile));
    }
  });
  it('breaks icon syntax, which a quick pick would draw', () => {
    assert.equal(inertText('$(check) verified by AWS'), '$ (check) verified by AWS');
    assert.equal(inertText('cost $5 (est.)'), 'cost $5 (est.)', 'a dollar not followed by ( is left alone');
  });
  it('leaves ordinary text, brackets and parentheses as they are', () => {
    const reason = 'The following resource(s) failed to create: [Instances, Vpc]. Rollback requested by user.';
    assert.equal(inertText(reason), reason);
    assert.equal(inertText('[x] (y)'), '[x] (y)');
  });
  it('makes one line, without control characters', () => {
    assert.equal(
      inertText('first line\nsecond\r\nthird\ttab\u0007bell\u001b[31mred\u0085next\u2028sep'),
      'first line second third tab bell [31mred next sep',
    );
    assert.equal(inertText('  padded  \n'), 'padded');
  });
  it('removes bidi controls that could make a name read backwards', () => {
    const spoofed = 'rack\u202eexe.txt\u202c and \u2066iso\u2069 \u200eLRM\u200f \u061cALM';
    assert.equal(inertText(spoofed), 'rack exe.txt and iso LRM ALM');
    assert.doesNotMatch(inertText(spoofed), /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });
  it('keeps joiners that scripts and emoji need', () => {
    const family = '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}';
    assert.equal(inertText(family), family);
  });
  it('cuts long text to the limit in characters, with an ellipsis', () => {
    const long = 'a'.repeat(1000);
    assert.equal(inertText(long).length, untrustedTextLimit);
    assert.ok(inertText(long).endsWith('…'));
    assert.equal(inertText('abcdef', 4), 'abc…');
    assert.equal(inertText('abcd', 4), 'abcd', 'exactly the limit is not cut');
    assert.equal(inertText('abcd', 1), '…', 'a limit of one leaves the ellipsis alone');
    assert.equal(inertText('ab   cd', 4), 'ab…', 'no space before the ellipsis');
    assert.equal(inertText('abc', 0), '');
  });
  it('counts a surrogate pair as one character and never splits it', () => {
    const emoji = '\u{1F680}'.repeat(10);
    assert.equal(inertText(emoji, 10), emoji, 'ten rockets are ten characters, though twenty UTF-16 units');
    const cut = inertText(emoji, 5);
    assert.equal(cut, `${'\u{1F680}'.repeat(4)}…`);
    assert.doesNotMatch(cut, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
  it('replaces half of a surrogate pair', () => {
    assert.equal(inertText('a\ud83db'), 'a\ufffdb');
    assert.equal(inertText('a\ude80b'), 'a\ufffdb');
    assert.equal(inertText('\u{1F680}'), '\u{1F680}');
  });
  it('cuts after neutralising, so a cut cannot rebuild a link', () => {
    const shown = inertText(`${'a'.repeat(10)}${commandLink}`, 14);
    assert.equal(shown, 'aaaaaaaaaa[x]…');
    assert.doesNotMatch(inertText(`[x]${'('.repeat(500)}command:a)`), linkSyntax);
  });
});
