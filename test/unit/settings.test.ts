import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { organizationOf, planDiscovery } from '../../src/model/discoveryPlan';
import { environmentProfile } from '../../src/model/pair';
import type { DiscoveryErrorKind } from '../../src/model/rack';
import { errorRow } from '../../src/model/racks/rows';
import { projectRoot } from '../projectRoot';
import {
  architectureRefreshMinimum,
  isRegionCode,
  organizationPattern,
  parseAlertsInterval,
  parseArchitectureRefreshInterval,
  parseConvergingLimit,
  parseOrganizations,
  parseRefreshInterval,
  parseRegions,
  parseReleasesUrl,
  parseRequestTimeout,
  parseStatusBarEnabled,
  refreshIntervalMinimum,
  regionPattern,
  releasesUrlPattern,
  requestTimeoutBounds,
  settingDefaults,
  settingsSection,
  SettingsError,
  userOnlySettings,
  type OrganizationMap,
} from '../../src/model/settings';

describe('organisations', () => {
  // Parsed per test, so that mutation testing runs only the tests that reach a mutant.
  const parsed = (): OrganizationMap => parseOrganizations({ acme: ['acme-prod', 'acme-staging'], globex: ['globex'] });

  it('maps a profile to the organisation that lists it', () => {
    const organizations = parsed();
    assert.equal(organizationOf('acme-staging', organizations), 'acme');
    assert.equal(organizationOf('globex', organizations), 'globex');
  });
  it('a profile mapped nowhere is its own organisation', () => {
    assert.equal(organizationOf('initech', parsed()), 'initech');
  });
  it('takes an empty or missing setting as no mapping', () => {
    assert.deepEqual(parseOrganizations(undefined), {});
    assert.deepEqual(parseOrganizations(null), {});
    assert.deepEqual(parseOrganizations({}), {});
  });
  it('says what is wrong, in words', () => {
    assert.throws(() => parseOrganizations(['acme']), {
      name: 'SettingsError',
      message:
        'must be an object mapping an organisation name to a list of AWS profile names, e.g. {"acme": ["acme-prod"]}',
    });
    assert.throws(() => parseOrganizations({ 'a/b': ['x'] }), {
      message: '"a/b" is not a valid organisation name: use letters, digits, ".", "_" or "-"',
    });
    assert.throws(() => parseOrganizations({ acme: ['acme-prod', ''] }), {
      message: 'the value of "acme" must be a list of AWS profile names',
    });
    assert.throws(() => parseOrganizations({ a: ['p'], b: ['p'] }), { setting: 'convox.organizations' });
  });
  it('accepts a profile listed twice under the same organisation', () => {
    assert.deepEqual(parseOrganizations({ acme: ['acme-prod', 'acme-prod'] }), { acme: ['acme-prod', 'acme-prod'] });
  });
  it('refuses malformed values with the setting named', () => {
    for (const bad of [[], 'acme', 42, { acme: 'acme-prod' }, { acme: [1] }, { acme: [''] }, { 'a/b': ['x'] }]) {
      assert.throws(
        () => parseOrganizations(bad),
        (error: unknown) => error instanceof SettingsError && error.setting === 'convox.organizations',
      );
    }
  });
  it('refuses a profile mapped to two organisations', () => {
    assert.throws(() => parseOrganizations({ a: ['p'], b: ['p'] }), /mapped to both "a" and "b"/);
  });
  it('refuses the organisation "local", which is reserved for local racks, saying so', () => {
    assert.throws(() => parseOrganizations({ local: ['acme-prod'] }), {
      setting: 'convox.organizations',
      message:
        '"local" is reserved for local racks (the convox CLI takes every rack named local/… for one): name the organisation otherwise',
    });
  });
  it('a profile named "local" mapped nowhere is not scanned, and the row says how to fix it', () => {
    const plan = planDiscovery(
      [
        { name: 'local', region: 'us-east-1' },
        { name: 'acme', region: 'us-east-1' },
      ],
      { regions: [], organizations: {} },
    );
    assert.deepEqual(
      plan.pairs.map((pair) => pair.profile),
      ['acme'],
    );
    assert.equal(plan.problems.length, 1);
    assert.match(plan.problems[0].message, /reserved for local racks.*convox\.organizations/);
    const { message: _message, ...problem } = planDiscovery([{ name: 'local' }], {
      regions: [],
      organizations: {},
    }).problems[0];
    assert.deepEqual(
      problem,
      { organization: 'local', profile: 'local', region: '', kind: 'configuration' },
      'a configuration problem, which retrying cannot fix, of a profile without a region',
    );
    assert.deepEqual(
      planDiscovery([{ name: 'local', region: 'us-east-1' }], { regions: [], organizations: { lab: ['local'] } }).pairs,
      [{ organization: 'lab', profile: 'local', region: 'us-east-1' }],
    );
  });
});

describe('regions setting', () => {
  it('accepts region codes and drops repeats', () => {
    assert.deepEqual(parseRegions(['us-east-1', 'eu-west-1', 'us-east-1', 'us-gov-west-1', 'ap-southeast-2']), [
      'us-east-1',
      'eu-west-1',
      'us-gov-west-1',
      'ap-southeast-2',
    ]);
  });
  it('refuses what is not a region code, naming it', () => {
    assert.throws(() => parseRegions(['us-east-1', 'moon-base-1x']), /"moon-base-1x" is not an AWS region code/);
    assert.throws(() => parseRegions('us-east-1'), SettingsError);
    assert.throws(() => parseRegions([3]), SettingsError);
    assert.throws(() => parseRegions([['us-east-1']]), SettingsError, 'a list inside the list');
  });
  it('says which setting is wrong and why', () => {
    assert.throws(() => parseRegions('us-east-1'), {
      setting: 'convox.regions',
      message: 'must be a list of AWS region codes, e.g. ["us-east-1", "eu-west-1"]',
    });
    assert.throws(() => parseRegions(['x', 3, 'us-east-1']), {
      setting: 'convox.regions',
      message: '"x", 3 is not an AWS region code such as "us-east-1"',
    });
  });
  it('takes a missing setting as no regions', () => {
    assert.deepEqual(parseRegions(undefined), []);
    assert.deepEqual(parseRegions(null), []);
  });
  it('knows region codes', () => {
    assert.ok(isRegionCode('ca-central-1'));
    assert.ok(!isRegionCode('US-EAST-1'));
    assert.ok(!isRegionCode('us-east'));
    for (const code of ['us-gov-west-1', 'us-isob-east-1', 'eu-isoe-west-1', 'cn-north-1', 'ap-southeast-12'])
      assert.ok(isRegionCode(code), code);
    for (const code of ['us-isoab-east-1', 'us-east-1a', 'xus-east-1']) assert.ok(!isRegionCode(code), code);
  });
});

describe('settings declared once: package.json agrees with the code', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(__dirname), 'package.json'), 'utf8')) as {
    capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
    contributes: {
      configuration: {
        properties: Record<
          string,
          {
            default?: unknown;
            scope?: string;
            pattern?: string;
            items?: { pattern?: string };
            propertyNames?: { pattern?: string };
            minimum?: number;
            maximum?: number;
          }
        >;
      };
      menus: Record<string, Array<{ command: string; when?: string }>>;
    };
  };
  const properties = manifest.contributes.configuration.properties;

  it('declares exactly the settings the code reads, with the same defaults', () => {
    assert.deepEqual(
      Object.keys(properties).sort(),
      Object.keys(settingDefaults)
        .map((name) => `${settingsSection}.${name}`)
        .sort(),
    );
    for (const [name, value] of Object.entries(settingDefaults))
      assert.deepEqual(properties[`${settingsSection}.${name}`].default, value, name);
  });
  it('offers Retry on every error row but a configuration problem, which retrying cannot mend', () => {
    const retry = manifest.contributes.menus['view/item/context'].find(
      (entry) => entry.command === 'convox.retryDiscovery',
    );
    const pattern = /viewItem =~ \/(.*)\/$/.exec(retry?.when ?? '')?.[1] ?? '';
    const offered = (kind: DiscoveryErrorKind): boolean =>
      new RegExp(pattern).test(
        errorRow({ organization: 'o', profile: 'p', region: 'us-east-1', kind, message: '' }).contextValue ?? '',
      );
    const kinds: DiscoveryErrorKind[] = [
      'expired-credentials',
      'access-denied',
      'throttled',
      'network',
      'configuration',
      'other',
    ];
    assert.deepEqual(kinds.filter(offered), ['expired-credentials', 'access-denied', 'throttled', 'network', 'other']);
  });
  it('gives every setting a scope', () => {
    const scopes = ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'];
    const unscoped = Object.entries(properties).filter(([, property]) => !scopes.includes(property.scope ?? ''));
    assert.deepEqual(
      unscoped.map(([name]) => name),
      [],
    );
  });
  it('keeps the steering settings out of workspaces: user-only in the code, application- or machine-scoped and restricted in package.json', () => {
    const userOnly = userOnlySettings.map((name) => `${settingsSection}.${name}`).sort();
    const machineScoped = Object.entries(properties).filter(
      ([, property]) => property.scope === 'machine' || property.scope === 'application',
    );
    assert.deepEqual(machineScoped.map(([name]) => name).sort(), userOnly);
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.deepEqual(
      [...(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [])].sort(),
      userOnly,
    );
    for (const steering of [
      'releasesUrl',
      'terminal.exportRack',
      'cli.syncCurrentRack',
      'refreshInterval',
      'architecture.refreshInterval',
      'requestTimeout',
      'organizations',
      'regions',
    ]) {
      assert.ok(userOnly.includes(`${settingsSection}.${steering}`), steering);
    }
  });
  it('uses the same region and organisation patterns', () => {
    assert.equal(properties['convox.regions'].items?.pattern, regionPattern);
    assert.equal(properties['convox.organizations'].propertyNames?.pattern, organizationPattern);
    assert.equal(properties['convox.refreshInterval'].minimum, 0);
    assert.equal(properties['convox.releasesUrl'].pattern, releasesUrlPattern);
    assert.equal(properties['convox.requestTimeout'].minimum, requestTimeoutBounds.minimum);
    assert.equal(properties['convox.requestTimeout'].maximum, requestTimeoutBounds.maximum);
    assert.equal(properties['convox.architecture.refreshInterval'].minimum, architectureRefreshMinimum);
  });
  it('falls back to the defaults for values the schema would refuse', () => {
    assert.equal(parseRefreshInterval(-5), settingDefaults.refreshInterval);
    assert.equal(parseRefreshInterval('60'), settingDefaults.refreshInterval);
    assert.equal(parseRefreshInterval(Number.NaN), settingDefaults.refreshInterval);
    assert.equal(parseRefreshInterval(Number.POSITIVE_INFINITY), settingDefaults.refreshInterval);
    assert.equal(parseRefreshInterval(0), 0);
    assert.equal(parseRefreshInterval(15), 15);
    assert.equal(parseRefreshInterval(10), 10);
    for (const bad of [0, 0.5, 601, '30', Number.NaN, Number.POSITIVE_INFINITY, undefined])
      assert.equal(parseRequestTimeout(bad), settingDefaults.requestTimeout, String(bad));
    assert.equal(parseRequestTimeout(1), 1);
    assert.equal(parseRequestTimeout(600), 600);
    assert.equal(parseRequestTimeout(2.5), 2.5);
    for (const bad of [0, 0.5, -1, '10', Number.NaN, Number.POSITIVE_INFINITY, undefined])
      assert.equal(parseArchitectureRefreshInterval(bad), settingDefaults['architecture.refreshInterval'], String(bad));
    assert.equal(parseArchitectureRefreshInterval(1), 1);
    assert.equal(parseArchitectureRefreshInterval(30), 30);
    assert.equal(parseStatusBarEnabled(false), false);
    assert.equal(parseStatusBarEnabled(undefined), true);
    assert.equal(parseStatusBarEnabled('false'), true);
  });
});

describe('refresh interval floor', () => {
  it('raises anything between off and the floor to the floor: a workspace cannot throttle CloudFormation account-wide', () => {
    assert.equal(refreshIntervalMinimum, 10);
    for (const small of [0.001, 1, 9.99])
      assert.equal(parseRefreshInterval(small), refreshIntervalMinimum, String(small));
    assert.equal(parseRefreshInterval(0), 0, '0 still turns automatic refresh off');
  });
});

describe('release source', () => {
  it('takes https URLs and the default', () => {
    assert.equal(parseReleasesUrl(undefined), settingDefaults.releasesUrl);
    assert.equal(parseReleasesUrl(''), settingDefaults.releasesUrl);
    assert.equal(parseReleasesUrl(null), settingDefaults.releasesUrl, 'a setting set to null in settings.json');
    assert.equal(
      parseReleasesUrl('https://mirror.example.com/convox/versions.json'),
      'https://mirror.example.com/convox/versions.json',
    );
  });
  it('refuses plain http with a message that says why', () => {
    assert.throws(() => parseReleasesUrl('http://mirror.example.com/versions.json'), {
      name: 'SettingsError',
      setting: 'convox.releasesUrl',
      message: `must use https:// (over plain http anyone on the way could change the template Install deploys), e.g. ${settingDefaults.releasesUrl}`,
    });
    assert.throws(() => parseReleasesUrl('HTTP://mirror.example.com/versions.json'), /must use https/);
    assert.throws(() => parseReleasesUrl('http://127.0.0.1.attacker.example/versions.json'), /must use https/);
    assert.throws(() => parseReleasesUrl('http://localhost@attacker.example/versions.json'), /must use https/);
  });
  it('takes plain http only to this machine, where no network lies between', () => {
    for (const local of [
      'http://127.0.0.1:9/release/versions.json',
      'http://localhost/versions.json',
      'http://[::1]:8080/versions.json',
    ])
      assert.equal(parseReleasesUrl(local), local);
  });
  it('refuses what is not an https URL of a file', () => {
    for (const bad of [
      'ftp://mirror.example.com/versions.json',
      'file:///etc/versions.json',
      'https://',
      'https://host',
      'mirror.example.com/versions.json',
      'https://a b/x',
      42,
      // Not plain http, though it holds http:// further on.
      'ftp://mirror.example.com/http://versions.json',
      // What a string of it would be is not enough: a setting that is a list is no URL.
      ['https://mirror.example.com/versions.json'],
      ['http://mirror.example.com/versions.json'],
    ]) {
      assert.throws(
        () => parseReleasesUrl(bad),
        {
          setting: 'convox.releasesUrl',
          message: `must be the https:// URL of a release list, e.g. ${settingDefaults.releasesUrl}`,
        },
        String(bad),
      );
    }
  });
});

describe('alert settings that are not finite numbers', () => {
  it('fall back to the defaults', () => {
    for (const raw of [Number.NaN, Number.POSITIVE_INFINITY, '30']) {
      assert.equal(parseAlertsInterval(raw), settingDefaults['alerts.interval'], String(raw));
      assert.equal(parseConvergingLimit(raw), settingDefaults['alerts.convergingLimit'], String(raw));
    }
  });
});

describe('discovery plan', () => {
  const settings = { regions: ['eu-west-1', 'us-east-1'], organizations: { acme: ['acme-prod'] } };
  it("scans each profile's own region plus the chosen ones, once each, under its organisation", () => {
    const plan = planDiscovery([{ name: 'acme-prod', region: 'us-east-1' }, { name: 'solo' }], settings);
    assert.deepEqual(
      plan.pairs.map((pair) => `${pair.organization} ${pair.profile} ${pair.region}`),
      ['acme acme-prod us-east-1', 'acme acme-prod eu-west-1', 'solo solo eu-west-1', 'solo solo us-east-1'],
    );
    assert.deepEqual(plan.problems, []);
  });
  it('makes a profile with no region anywhere a problem that says what to do', () => {
    const plan = planDiscovery([{ name: 'acme-prod' }], { regions: [], organizations: settings.organizations });
    assert.deepEqual(plan.pairs, []);
    assert.equal(plan.problems.length, 1);
    assert.deepEqual(
      { ...plan.problems[0], message: '' },
      { organization: 'acme', profile: 'acme-prod', region: '', kind: 'configuration', message: '' },
    );
    assert.match(
      plan.problems[0].message,
      /has no region\. Fix the configuration: add "region = …" to it in your AWS config, or list regions in the setting convox\.regions\./,
    );
  });
  it('makes a profile region that is not a region code a configuration problem, and still scans the regions of the setting', () => {
    const plan = planDiscovery([{ name: 'acme-prod', region: 'us_east_1' }], {
      regions: ['eu-west-1'],
      organizations: settings.organizations,
    });
    assert.deepEqual(plan.pairs, [{ organization: 'acme', profile: 'acme-prod', region: 'eu-west-1' }]);
    assert.deepEqual(
      { ...plan.problems[0], message: '' },
      { organization: 'acme', profile: 'acme-prod', region: 'us_east_1', kind: 'configuration', message: '' },
    );
    assert.match(
      plan.problems[0].message,
      /"us_east_1", which is not an AWS region code such as us-east-1\. Fix the configuration/,
    );
    assert.equal(
      planDiscovery([{ name: 'acme-prod', region: 'us_east_1' }], { regions: [], organizations: {} }).problems.length,
      1,
      'no second problem for the missing region',
    );
  });
  it('lists the environment credentials under the organisation "environment" unless they are mapped', () => {
    assert.equal(organizationOf(environmentProfile, {}), 'environment');
    assert.equal(organizationOf(environmentProfile, { acme: [environmentProfile] }), 'acme');
  });
});
