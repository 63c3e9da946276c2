import * as assert from 'node:assert/strict';
import { sceneComponent, type ComponentParts } from '../../../src/model/architecture/component';
import { containerStatus, serverStatus } from '../../../src/model/architecture/componentStatus';
import { cardFace, factLines, fontOf, groupFace, type Face, type FaceText } from '../../../src/model/architecture/face';
import type { SceneComponent } from '../../../src/model/architecture/sceneTypes';
import { textWidth } from '../../../src/model/architecture/textMetrics';

function component(parts: Partial<ComponentParts>): SceneComponent {
  return sceneComponent({ id: 'c', kind: 'server', noun: 'server', label: 'i-1', facts: [], details: [], ...parts });
}

function texts(face: Face): FaceText[] {
  return face.parts.flatMap((part) => (part.kind === 'text' ? [part] : []));
}

/** Every text of a face within [left, right] by its measured width. */
function assertFits(face: Face, left: number, right: number): void {
  for (const text of texts(face)) {
    const width = textWidth(text.text, fontOf[text.tone]);
    const [start, end] = text.alignEnd ? [text.x - width, text.x] : [text.x, text.x + width];
    assert.ok(start >= left && end <= right, `"${text.text}" spans ${start}–${end}, not within ${left}–${right}`);
    assert.doesNotMatch(text.text, /…$/, 'nothing is cut at its end');
  }
}

describe('architecture: a component’s face', () => {
  const server = component({
    kind: 'server',
    noun: 'spot server',
    label: 'i-005fa3238df31fc00',
    variant: 'spot',
    status: serverStatus('draining'),
    facts: ['12 tasks', 'us-east-1a', 't3.medium'],
    meters: [
      { label: 'CPU', share: 0.25 },
      { label: 'memory', share: 0.5 },
    ],
  });

  it('says its kind with its status’ icon and word at the right, then its name, facts and meters', () => {
    const face = cardFace(server, 272);
    assert.deepEqual(
      texts(face).map((text) => [text.tone, text.text]),
      [
        ['normal', 'draining'],
        ['muted', 'spot server'],
        ['title', 'i-005fa3238df31fc00'],
        ['muted', '12 tasks · us-east-1a · t3.medium'],
        ['muted', 'CPU'],
        ['normal', '25%'],
        ['muted', 'memory'],
        ['normal', '50%'],
      ],
    );
    const [word, caption] = texts(face);
    assert.equal(word.alignEnd, true);
    assert.equal(word.y, caption.y, 'the status shares the kind’s line');
    const icons = face.parts.filter((part) => part.kind === 'icon');
    assert.deepEqual(
      icons.map((icon) => icon.kind === 'icon' && [icon.icon, icon.color, icon.size]),
      [
        ['server', undefined, 'kind'],
        ['arrow-circle-down', 'charts.orange', 'status'],
      ],
    );
    assert.deepEqual(
      face.parts.flatMap((part) => (part.kind === 'meter' ? [part.share] : [])),
      [0.25, 0.5],
    );
    assertFits(face, 0, 272);
  });

  it('shortens a long id in the middle to fit, and wraps long facts onto more lines', () => {
    const narrow = cardFace(server, 180);
    const title = texts(narrow).find((text) => text.tone === 'title');
    assert.match(title?.text ?? '', /^i-0\w*…\w+00$/);
    assert.ok(texts(narrow).filter((text) => text.tone === 'muted').length > texts(cardFace(server, 272)).length - 5);
    assertFits(narrow, 0, 180);
    assert.ok(narrow.height > cardFace(server, 272).height, 'taller for its wrapped lines');
  });

  it('wraps a name of words rather than shortening it', () => {
    const you = component({ kind: 'client', noun: 'you', label: 'convox CLI and VS Code', status: undefined });
    const face = cardFace(you, 150);
    assert.deepEqual(
      texts(face)
        .filter((text) => text.tone === 'title')
        .map((text) => text.text),
      ['convox CLI', 'and VS Code'],
    );
    assertFits(face, 0, 150);
  });

  it('names a component of no name by its kind, and says a balancer is public or internal', () => {
    const internet = cardFace(component({ kind: 'internet', noun: 'internet', label: '' }), 240);
    assert.deepEqual(
      texts(internet).map((text) => text.text),
      ['internet'],
    );
    const balancer = cardFace(
      component({ kind: 'loadBalancer', noun: 'router load balancer', label: 'r', variant: 'internal', facts: ['x'] }),
      260,
    );
    assert.deepEqual(
      texts(balancer).map((text) => text.text),
      ['router load balancer', 'r', 'internal · x'],
    );
  });

  it('draws a summary in place of the facts when there is one', () => {
    const zone = component({
      kind: 'zone',
      noun: 'zone',
      label: 'us-east-1a',
      facts: ['3 servers: 2 running, 1 draining', '9 tasks'],
      summary: ['3 servers', '9 tasks'],
    });
    assert.deepEqual(
      texts(cardFace(zone, 280)).map((text) => text.text),
      ['zone', 'us-east-1a', '3 servers · 9 tasks'],
    );
  });

  it('puts whole facts on a line, and wraps only one too long for a line', () => {
    const room = textWidth('12 tasks · us-east-1a', 'text');
    assert.deepEqual(factLines(['12 tasks', 'us-east-1a', 't3.medium'], room), ['12 tasks · us-east-1a', 't3.medium']);
    assert.deepEqual(factLines(['a', '', 'b'], room), ['a · b']);
    const host = 'host production-router.us-east-1.elb.amazonaws.com';
    const lines = factLines(['2 tasks', host], room);
    assert.equal(lines[0], '2 tasks');
    assert.equal(lines.slice(1).join('').replace(/\s/g, ''), host.replace(/\s/g, ''));
  });
});

describe('architecture: a process group’s face', () => {
  const group = (summary: string): SceneComponent =>
    component({ kind: 'serviceGroup', noun: 'service', label: 'myapp web', summary: [summary] });
  const task = (status: string): SceneComponent =>
    component({ kind: 'container', noun: 'task', label: 't', status: containerStatus(status) });

  it('names the app and process, counts its tasks, shows each as a square, then its tally', () => {
    const { face, tiles } = groupFace(
      group('2 running, 1 pending'),
      [task('RUNNING'), task('PENDING'), task('RUNNING')],
      260,
    );
    assert.deepEqual(
      texts(face).map((text) => text.text),
      ['myapp web ×3', '2 running, 1 pending'],
    );
    assert.equal(tiles.length, 3);
    assert.ok(tiles.every((tile) => tile.y === tiles[0].y && tile.width === 18 && tile.height === 18));
    const [title, tally] = texts(face);
    assert.ok(tiles[0].x > title.x + textWidth(title.text, 'title'), 'the squares follow the name');
    assert.ok(
      (tally.y === title.y && tally.x > tiles[2].x + 18) || tally.y > tiles[0].y + 18,
      'the tally follows the squares',
    );
    assertFits(face, 0, 260);
  });

  it('gives a group of one no count', () => {
    const { face } = groupFace(group('1 running'), [task('RUNNING')], 260);
    assert.deepEqual(
      texts(face).map((text) => text.text),
      ['myapp web', '1 running'],
    );
  });

  it('wraps squares and tally onto more rows when they do not fit, inside its width', () => {
    const many = Array.from({ length: 30 }, (_, index) => task(index % 10 === 0 ? 'STOPPED' : 'RUNNING'));
    const { face, tiles } = groupFace(group('27 running, 3 stopped'), many, 200);
    const rows = new Set(tiles.map((tile) => tile.y));
    assert.ok(rows.size >= 3);
    for (const tile of tiles) assert.ok(tile.x >= 6 && tile.x + tile.width <= 194, `${tile.x}`);
    assert.ok(Math.max(...tiles.map((tile) => tile.y + tile.height)) <= face.height);
    assertFits(face, 0, 200);
  });
});
