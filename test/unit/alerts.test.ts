import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type Alert,
  AlertEpisodes,
  maxToldEpisodes,
  type EpisodeKeeper,
  type RackLook,
  type ToldEpisode,
} from '../../src/model/alerts/episodes';
import { alertsMessage, attentionLine, resolvedMessage, rootCauseLine } from '../../src/model/alerts/messages';
import type { Diagnosis } from '../../src/model/diagnose/rules';
import { parseAlertsInterval, parseAlertsWatch, parseConvergingLimit } from '../../src/model/settings';
import { AlertWatcher, maxBackoff, unfocusedFactor, type WatchedRack } from '../../src/model/alerts/watcher';
import type { PairResult } from '../../src/model/inventory';
import type { Pair } from '../../src/model/pair';
import type { Rack } from '../../src/model/rack';
import { rackRow } from '../../src/model/racks/rows';
import { racksFromStacks } from '../../src/model/stacks';
import { projectRoot } from '../projectRoot';
import type { ServerLifecycle } from '../../src/model/status';
import { VirtualClock } from '../virtualClock';

const origin = { organization: 'acme', profile: 'acme-prod', region: 'us-east-1' };
const minute = 60_000;
const start = Date.parse('2026-12-01T10:00:00Z');

function rack(status: string, overrides: { updatedAt?: Date; reason?: string; name?: string } = {}): Rack {
  const name = overrides.name ?? 'production';
  const [built] = racksFromStacks(
    [
      {
        stackId: `stack/${name}`,
        name,
        status,
        statusReason: overrides.reason,
        tags: { System: 'convox', Type: 'rack' },
        parameters: { Version: '1' },
        outputs: { AutoscalingGroup: `${name}-Instances` },
        createdAt: new Date(start - 100 * 86_400_000),
        updatedAt: overrides.updatedAt,
      },
    ],
    origin,
  );
  return built;
}

class MemoryKeeper implements EpisodeKeeper {
  episodes: ToldEpisode[] = [];
  load(): ToldEpisode[] {
    return this.episodes.map((episode) => ({ ...episode }));
  }
  save(episodes: readonly ToldEpisode[]): void {
    this.episodes = [...episodes];
  }
}

const look = (listed: Rack | undefined, servers?: ServerLifecycle[], stackId = 'stack/production'): RackLook => ({
  stackId,
  displayName: 'acme/production',
  rack: listed,
  servers,
});
const inService = [{ instanceId: 'i-1', state: 'InService' }];
const longAgo = new Date(start - 86_400_000);

describe('alert episodes', () => {
  it('tells a rollback once, however many polls see it, and its end once', () => {
    const episodes = new AlertEpisodes(new MemoryKeeper());
    const updatedAt = new Date(start);
    assert.deepEqual(episodes.observe([look(rack('UPDATE_COMPLETE', { updatedAt: longAgo }), inService)], start), {
      alerts: [],
      resolved: [],
    });
    const first = episodes.observe(
      [look(rack('UPDATE_ROLLBACK_IN_PROGRESS', { updatedAt, reason: 'Resource Instances failed' }))],
      start + minute,
    );
    assert.equal(first.alerts.length, 1);
    assert.equal(first.alerts[0].kind, 'rolling-back');
    assert.equal(first.alerts[0].severity, 'error');
    assert.equal(first.alerts[0].since, start);
    assert.match(first.alerts[0].detail ?? '', /Resource Instances failed/);
    assert.equal(
      episodes.observe([look(rack('UPDATE_ROLLBACK_IN_PROGRESS', { updatedAt }))], start + 2 * minute).alerts.length,
      0,
    );
    assert.equal(
      episodes.observe([look(rack('UPDATE_ROLLBACK_COMPLETE', { updatedAt }))], start + 3 * minute).alerts.length,
      0,
    );
    assert.equal(episodes.needingAttention().get('stack/production')?.kind, 'rolled-back');
    assert.equal(
      episodes.observe(
        [look(rack('UPDATE_IN_PROGRESS', { updatedAt: new Date(start + 4 * minute) }))],
        start + 5 * minute,
      ).resolved.length,
      0,
      'updating again is not running yet',
    );
    const done = episodes.observe(
      [look(rack('UPDATE_COMPLETE', { updatedAt: new Date(start + 4 * minute) }), inService)],
      start + 9 * minute,
    );
    assert.deepEqual(done, {
      alerts: [],
      resolved: [{ stackId: 'stack/production', displayName: 'acme/production', kind: 'rolling-back' }],
    });
    assert.equal(episodes.needingAttention().size, 0);
    assert.deepEqual(
      episodes.observe([look(rack('UPDATE_COMPLETE', { updatedAt: longAgo }), inService)], start + 10 * minute),
      {
        alerts: [],
        resolved: [],
      },
    );
  });

  it('tells a finished rollback and a failed stack as errors', () => {
    const episodes = new AlertEpisodes(new MemoryKeeper());
    const observed = episodes.observe(
      [
        look(rack('UPDATE_ROLLBACK_COMPLETE', { updatedAt: longAgo })),
        look(rack('UPDATE_ROLLBACK_FAILED', { name: 'stuck' }), undefined, 'stack/stuck'),
      ],
      start,
    );
    assert.deepEqual(
      observed.alerts.map((alert) => [alert.stackId, alert.kind, alert.severity]),
      [
        ['stack/production', 'rolled-back', 'error'],
        ['stack/stuck', 'failed', 'error'],
      ],
    );
  });

  it('tells an update only once it has lasted longer than the limit', () => {
    const episodes = new AlertEpisodes(new MemoryKeeper(), 15 * minute);
    const updating = rack('UPDATE_IN_PROGRESS', { updatedAt: new Date(start) });
    assert.equal(episodes.observe([look(updating)], start + 15 * minute).alerts.length, 0);
    const late = episodes.observe([look(updating)], start + 15 * minute + 1);
    assert.equal(late.alerts.length, 1);
    assert.equal(late.alerts[0].kind, 'too-long');
    assert.equal(late.alerts[0].severity, 'warning');
    assert.equal(late.alerts[0].since, start);
  });

  it('counts converging from the update that came before it, and from the first look otherwise', () => {
    const episodes = new AlertEpisodes(new MemoryKeeper(), 15 * minute);
    episodes.observe([look(rack('UPDATE_IN_PROGRESS', { updatedAt: new Date(start) }))], start + minute);
    const rolling = [{ instanceId: 'i-2', state: 'Pending' }];
    const settled = rack('UPDATE_COMPLETE', { updatedAt: new Date(start) });
    assert.equal(episodes.observe([look(settled, rolling)], start + 10 * minute).alerts.length, 0);
    const late = episodes.observe([look(settled, rolling)], start + 16 * minute);
    assert.deepEqual(
      late.alerts.map((alert) => [alert.kind, alert.since]),
      [['too-long', start]],
    );

    const other = new AlertEpisodes(new MemoryKeeper(), 5 * minute);
    const old = rack('UPDATE_COMPLETE', { updatedAt: longAgo });
    assert.equal(other.observe([look(old, rolling)], start).alerts.length, 0);
    assert.equal(other.observe([look(old, rolling)], start + 4 * minute).alerts.length, 0);
    assert.equal(other.observe([look(old, rolling)], start + 5 * minute + 1).alerts[0]?.kind, 'too-long');
  });

  it('tells a server draining longer than the terminating hook allows, not one within it', () => {
    const episodes = new AlertEpisodes(new MemoryKeeper(), 60 * minute);
    const running = rack('UPDATE_COMPLETE', { updatedAt: longAgo });
    const draining = [...inService, { instanceId: 'i-9', state: 'Terminating:Wait' }];
    assert.equal(episodes.observe([look(running, draining)], start).alerts.length, 0);
    assert.equal(episodes.observe([look(running, draining)], start + 5 * minute).alerts.length, 0);
    const late = episodes.observe([look(running, draining)], start + 5 * minute + 1);
    assert.equal(late.alerts.length, 1);
    assert.equal(late.alerts[0].kind, 'server');
    assert.match(late.alerts[0].detail ?? '', /i-9 \(Terminating:Wait\)/);
    assert.equal(episodes.observe([look(running, inService)], start + 7 * minute).resolved.length, 1);
  });

  it('gives a pending server the launching hook’s ten minutes', () => {
    const episodes = new AlertEpisodes(new MemoryKeeper(), 60 * minute);
    const running = rack('UPDATE_COMPLETE', { updatedAt: longAgo });
    const pending = [{ instanceId: 'i-3', state: 'Pending:Wait' }];
    episodes.observe([look(running, pending)], start);
    assert.equal(episodes.observe([look(running, pending)], start + 9 * minute).alerts.length, 0);
    assert.equal(episodes.observe([look(running, pending)], start + 10 * minute + 1).alerts[0]?.kind, 'server');
  });

  it('tells a watched stack that is gone once', () => {
    const episodes = new AlertEpisodes(new MemoryKeeper());
    const gone = episodes.observe([look(undefined)], start);
    assert.deepEqual(
      gone.alerts.map((alert) => alert.kind),
      ['gone'],
    );
    assert.equal(episodes.observe([look(undefined)], start + minute).alerts.length, 0);
    assert.equal(episodes.needingAttention().get('stack/production')?.severity, 'error');
  });

  it('does not tell again after a reload, and resolves what was told before it', () => {
    const keeper = new MemoryKeeper();
    const before = new AlertEpisodes(keeper);
    const failedRack = rack('UPDATE_ROLLBACK_COMPLETE', { updatedAt: new Date(start) });
    assert.equal(before.observe([look(failedRack)], start).alerts.length, 1);
    const after = new AlertEpisodes(keeper);
    assert.equal(after.needingAttention().get('stack/production')?.kind, 'rolled-back', 'the badge knows at once');
    assert.equal(after.observe([look(failedRack)], start + minute).alerts.length, 0);
    const again = new AlertEpisodes(keeper);
    const running = rack('UPDATE_COMPLETE', { updatedAt: new Date(start + 2 * minute) });
    assert.equal(again.observe([look(running, inService)], start + 30 * minute).resolved.length, 1);
    assert.equal(new AlertEpisodes(keeper).observe([look(running, inService)], start + 31 * minute).resolved.length, 0);
    assert.deepEqual(keeper.episodes, []);
  });

  it('keeps at most the newest told episodes', () => {
    const keeper = new MemoryKeeper();
    const episodes = new AlertEpisodes(keeper);
    for (let index = 0; index < maxToldEpisodes + 5; index++)
      episodes.observe([look(undefined, undefined, `stack/${index}`)], start + index);
    assert.equal(keeper.episodes.length, maxToldEpisodes);
    assert.ok(!keeper.episodes.some((episode) => episode.stackId === 'stack/0'));
  });

  it('asks for servers only for racks not plainly running', () => {
    const episodes = new AlertEpisodes(new MemoryKeeper(), 15 * minute);
    assert.equal(episodes.wantsServers(rack('UPDATE_COMPLETE', { updatedAt: longAgo }), start), false);
    assert.equal(episodes.wantsServers(rack('UPDATE_COMPLETE', { updatedAt: new Date(start - minute) }), start), true);
    assert.equal(episodes.wantsServers(rack('UPDATE_IN_PROGRESS', { updatedAt: longAgo }), start), true);
    assert.equal(episodes.wantsServers(rack('UPDATE_ROLLBACK_COMPLETE', { updatedAt: longAgo }), start), true);
  });
});

describe('the alert watcher', () => {
  /** The virtual clock starts at 0: a day before it is long ago. */
  const dayBefore = new Date(-86_400_000);
  const watchedRack: WatchedRack = { ...origin, stackId: 'stack/production', displayName: 'acme/production' };

  function setUp(answers: { racks: () => Rack[]; throttled?: () => boolean }) {
    const clock = new VirtualClock();
    const calls = { listings: 0, lifecycles: 0 };
    const logs: string[] = [];
    const reports: { alerts: number; resolved: number; nextInMs: number }[] = [];
    const ports = {
      discovery: {
        profiles: () => Promise.resolve([{ name: origin.profile, region: origin.region }]),
        discover: (pairs: readonly Pair[], report: (result: PairResult) => void): Promise<void> => {
          for (const pair of pairs) {
            calls.listings++;
            report(
              answers.throttled?.()
                ? { ...pair, racks: [], done: true, error: { ...pair, kind: 'throttled', message: 'Rate exceeded' } }
                : { ...pair, racks: answers.racks(), done: true },
            );
          }
          return Promise.resolve();
        },
      },
      reader: {
        lifecycleStates: (): Promise<Map<string, ServerLifecycle[]>> => {
          calls.lifecycles++;
          return Promise.resolve(new Map([['production-Instances', inService]]));
        },
      },
    };
    const episodes = new AlertEpisodes(new MemoryKeeper());
    const watcher = new AlertWatcher(ports, episodes, {
      intervalMs: 60_000,
      deadlineMs: 1_000,
      timers: clock,
      watched: () => [watchedRack],
      report: (observed, summary) =>
        reports.push({
          alerts: observed.alerts.length,
          resolved: observed.resolved.length,
          nextInMs: summary.nextInMs,
        }),
      log: (message) => logs.push(message),
    });
    return { clock, calls, logs, reports, watcher, episodes };
  }

  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('lists once per interval, reads Auto Scaling only for a rack not plainly running, and logs the cost', async () => {
    let current = rack('UPDATE_COMPLETE', { updatedAt: dayBefore });
    const { clock, calls, logs, reports, watcher } = setUp({ racks: () => [current] });
    watcher.start();
    clock.advance(0);
    await settle();
    assert.deepEqual(calls, { listings: 1, lifecycles: 0 });
    assert.match(logs[0], /1 racks in 1 regions: 1 DescribeStacks listings, 0 Auto Scaling calls; next in 60 s/);
    current = rack('UPDATE_ROLLBACK_COMPLETE', { updatedAt: dayBefore });
    clock.advance(59_999);
    await settle();
    assert.equal(calls.listings, 1);
    clock.advance(1);
    await settle();
    assert.deepEqual(calls, { listings: 2, lifecycles: 1 });
    assert.deepEqual(
      reports.map((report) => report.alerts),
      [0, 1],
    );
    watcher.stop();
  });

  it('backs off on throttling and while unfocused, and polls when focus returns after a while', async () => {
    let throttled = true;
    const { clock, calls, reports, watcher } = setUp({
      racks: () => [rack('UPDATE_COMPLETE', { updatedAt: dayBefore })],
      throttled: () => throttled,
    });
    watcher.start();
    clock.advance(0);
    await settle();
    assert.equal(reports[0].nextInMs, 120_000);
    for (let poll = 0; poll < 4; poll++) {
      clock.advance(reports[reports.length - 1].nextInMs);
      await settle();
    }
    assert.equal(reports[reports.length - 1].nextInMs, maxBackoff * 60_000);
    throttled = false;
    clock.advance(maxBackoff * 60_000);
    await settle();
    assert.equal(reports[reports.length - 1].nextInMs, 60_000);
    watcher.setFocused(false);
    clock.advance(60_000);
    await settle();
    const before = calls.listings;
    clock.advance((unfocusedFactor - 1) * 60_000 - 1);
    await settle();
    assert.equal(calls.listings, before, 'no poll while unfocused before its slower interval');
    watcher.setFocused(true);
    clock.advance(0);
    await settle();
    assert.equal(calls.listings, before + 1, 'an overdue poll runs as focus returns');
    watcher.stop();
  });
});

describe('alert messages and settings', () => {
  const alert = (stackId: string, displayName: string, detail?: string): Alert => ({
    stackId,
    displayName,
    kind: 'rolled-back',
    severity: 'error',
    since: start,
    detail,
  });
  const diagnosis = (evidence: string[]): Diagnosis => ({
    title: 'Why?',
    checked: [],
    findings: [
      { severity: 'note', title: 'A note', meaning: '', next: '', evidence: ['x', 'y'] },
      { severity: 'problem', title: 'The last update failed and was rolled back', meaning: '', next: '', evidence },
    ],
  });

  it('takes the root cause from Diagnose’s first problem and the AWS words beyond the stack line', () => {
    assert.equal(
      rootCauseLine(diagnosis(['stack UPDATE_ROLLBACK_COMPLETE', 'Instances UPDATE_FAILED: vCPU limit'])),
      'The last update failed and was rolled back: Instances UPDATE_FAILED: vCPU limit',
    );
    assert.equal(
      rootCauseLine(diagnosis(['stack UPDATE_ROLLBACK_COMPLETE'])),
      'The last update failed and was rolled back',
    );
    assert.equal(rootCauseLine({ title: 'Why?', checked: [], findings: [] }), undefined);
  });

  it('tells one rack in one line and several in one notification, with CloudFormation’s words without a cause', () => {
    const one = alertsMessage([alert('a', 'acme/a', 'UPDATE_ROLLBACK_COMPLETE')], new Map([['a', 'vCPU limit']]));
    assert.equal(one, 'Convox: acme/a rolled back its last update. vCPU limit');
    const two = alertsMessage([alert('a', 'acme/a', 'UPDATE_ROLLBACK_COMPLETE'), alert('b', 'acme/b')], new Map());
    assert.equal(
      two,
      'Convox: 2 racks need attention. acme/a rolled back its last update. UPDATE_ROLLBACK_COMPLETE · acme/b rolled back its last update.',
    );
    assert.equal(
      resolvedMessage([{ stackId: 'a', displayName: 'acme/a', kind: 'failed' }]),
      'Convox: acme/a is running again.',
    );
    assert.equal(
      attentionLine({ kind: 'rolled-back', severity: 'error', since: start }),
      'Rolled back its last update (since 2026-12-01 10:00 UTC)',
    );
  });

  it('reads its settings, falling back to the defaults', () => {
    assert.equal(parseAlertsWatch('all'), 'all');
    assert.equal(parseAlertsWatch('everything'), 'marked');
    assert.equal(parseAlertsInterval(5), 10);
    assert.equal(parseAlertsInterval(120), 120);
    assert.equal(parseAlertsInterval('x'), 60);
    assert.equal(parseConvergingLimit(0), 1);
    assert.equal(parseConvergingLimit(30), 30);
    assert.equal(parseConvergingLimit(undefined), 15);
  });
});

describe('a watched rack’s row', () => {
  it('says it is watched in its contextValue, and since when it needs attention in its tooltip', () => {
    const listed = rack('UPDATE_ROLLBACK_COMPLETE', { updatedAt: longAgo });
    const row = rackRow(listed, true, undefined, { watched: true, attention: 'Rolled back its last update (since x)' });
    assert.equal(row.contextValue, 'rack.current.running.watched');
    assert.ok(row.tooltip && 'markdown' in row.tooltip);
    assert.match(row.tooltip.markdown, /\*\*Rolled back its last update \\\(since x\\\)\*\*$/);
    const plain = rackRow(listed, false, undefined, { watched: false });
    assert.equal(plain.contextValue, 'rack.running');
    const menus = JSON.parse(fs.readFileSync(path.join(projectRoot(__dirname), 'package.json'), 'utf8')) as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const whenOf = (command: string): RegExp => {
      const entry = menus.contributes.menus['view/item/context'].find((menu) => menu.command === command);
      const match = /viewItem =~ \/(.*)\/$/.exec(entry?.when ?? '');
      assert.ok(match, command);
      return new RegExp(match[1]);
    };
    assert.ok(whenOf('convox.watchRack').test(plain.contextValue ?? ''));
    assert.ok(!whenOf('convox.watchRack').test(row.contextValue ?? ''));
    assert.ok(!whenOf('convox.watchRack').test('rack.running.local'));
    assert.ok(whenOf('convox.stopWatchingRack').test(row.contextValue ?? ''));
    assert.ok(!whenOf('convox.stopWatchingRack').test(plain.contextValue ?? ''));
  });
});
