import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadProfiles } from '../../src/aws/profiles';
import { environmentProfile } from '../../src/model/pair';
import { AwsPorts } from '../../src/aws';
import { RackStore } from '../../src/model/store/rackStore';

const config = `
[default]
region = us-east-1

[profile direct]
region = eu-west-1
endpoint_url = http://127.0.0.1:1

[profile per-service]
region = us-west-2
services = local-stack

[services local-stack]
cloudformation =
  endpoint_url = http://127.0.0.1:2

[sso-session corp]
sso_region = us-east-1
`;
const credentials = `
[direct]
aws_access_key_id = AKIDDIRECT
aws_secret_access_key = secret

[keys-only]
aws_access_key_id = AKIDKEYSONLY
aws_secret_access_key = secret
`;

/** The file variables of the test's environment, for a call given an environment of its own. */
const files = (): NodeJS.ProcessEnv => ({
  AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE,
  AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE,
});

describe('AWS profiles from the shared config files', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convox-profiles-'));
    fs.writeFileSync(path.join(dir, 'config'), config);
    fs.writeFileSync(path.join(dir, 'credentials'), credentials);
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.env = { ...saved };
  });

  it('lists config and credentials profiles, not sso-session or services sections', async () => {
    const { profiles, ignored } = await loadProfiles();
    assert.deepEqual(ignored, []);
    assert.deepEqual(
      profiles.map((profile) => `${profile.name}:${profile.region ?? '-'}`),
      ['default:us-east-1', 'direct:eu-west-1', 'keys-only:-', 'per-service:us-west-2'],
    );
  });

  it("honours each profile's endpoint_url and services section", async () => {
    const profiles = new Map((await loadProfiles()).profiles.map((profile) => [profile.name, profile.endpoints]));
    assert.deepEqual(profiles.get('direct'), {
      cloudformation: 'http://127.0.0.1:1',
      ecs: 'http://127.0.0.1:1',
      ec2: 'http://127.0.0.1:1',
      auto_scaling: 'http://127.0.0.1:1',
      ssm: 'http://127.0.0.1:1',
      eventbridge: 'http://127.0.0.1:1',
      sts: 'http://127.0.0.1:1',
      cloudwatch_logs: 'http://127.0.0.1:1',
    });
    assert.deepEqual(profiles.get('per-service'), { cloudformation: 'http://127.0.0.1:2' });
    assert.deepEqual(profiles.get('default'), {});
  });

  it('lets AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL win over the files', async () => {
    const { profiles } = await loadProfiles({
      ...files(),
      AWS_ENDPOINT_URL: 'http://127.0.0.1:3',
      AWS_ENDPOINT_URL_ECS: 'http://127.0.0.1:4',
    });
    const direct = profiles.find((profile) => profile.name === 'direct');
    assert.deepEqual(direct?.endpoints, {
      cloudformation: 'http://127.0.0.1:3',
      ecs: 'http://127.0.0.1:4',
      ec2: 'http://127.0.0.1:3',
      auto_scaling: 'http://127.0.0.1:3',
      ssm: 'http://127.0.0.1:3',
      eventbridge: 'http://127.0.0.1:3',
      sts: 'http://127.0.0.1:3',
      cloudwatch_logs: 'http://127.0.0.1:3',
    });
  });

  it('takes credentials as the SDK would: the credentials file over the config, a role before keys, then a process', async () => {
    fs.appendFileSync(
      process.env.AWS_CONFIG_FILE ?? '',
      '\n[profile helper]\nregion = us-east-1\ncredential_process = /bin/creds --token abc\n\n[profile role]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = direct\n',
    );
    fs.appendFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE ?? '',
      '\n[role]\naws_access_key_id = AKIDROLE\naws_secret_access_key = s\n',
    );
    const sources = new Map((await loadProfiles()).profiles.map((profile) => [profile.name, profile.credentials]));
    assert.deepEqual(sources.get('direct'), { kind: 'keys', accessKeyId: 'AKIDDIRECT', secretAccessKey: 'secret' });
    assert.deepEqual(sources.get('helper'), { kind: 'process', command: '/bin/creds --token abc' });
    assert.deepEqual(sources.get('role'), { kind: 'sdk' });
    assert.deepEqual(sources.get('per-service'), { kind: 'sdk' });
  });

  it('resolves the client settings the SDK would look up per client: the environment over the profile', async () => {
    fs.appendFileSync(
      process.env.AWS_CONFIG_FILE ?? '',
      '\n[profile fips]\nregion = us-east-1\nuse_fips_endpoint = true\nretry_mode = adaptive\ndefaults_mode = in-region\nauth_scheme_preference = sigv4a, sigv4\nsdk_ua_app_id = ops\n',
    );
    const settings = new Map(
      (
        await loadProfiles({ ...files(), AWS_USE_DUALSTACK_ENDPOINT: 'true', AWS_DEFAULTS_MODE: 'nonsense' })
      ).profiles.map((profile) => [profile.name, profile.client]),
    );
    assert.deepEqual(settings.get('fips'), {
      useFipsEndpoint: true,
      useDualstackEndpoint: true,
      retryMode: 'adaptive',
      defaultsMode: 'legacy',
      authSchemePreference: ['sigv4a', 'sigv4'],
      userAgentAppId: 'ops',
    });
    assert.deepEqual(settings.get('direct'), {
      useFipsEndpoint: false,
      useDualstackEndpoint: true,
      retryMode: 'standard',
      defaultsMode: 'legacy',
      authSchemePreference: [],
      userAgentAppId: undefined,
    });
  });

  it('names what the SDK ignores in the files, without values', async () => {
    fs.appendFileSync(process.env.AWS_CONFIG_FILE ?? '', '\n[typo]\nregion = us-east-1\n');
    fs.appendFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE ?? '', 'not a setting MARKER-SECRET\n');
    const { ignored } = await loadProfiles();
    assert.equal(ignored.length, 2, ignored.join('\n'));
    assert.match(ignored[0], /\[typo\]/);
    assert.ok(ignored.every((line) => !line.includes('MARKER')));
  });

  it('a malformed profile or region is a configuration problem that says to fix the configuration', async () => {
    fs.appendFileSync(
      process.env.AWS_CONFIG_FILE ?? '',
      '\n[profile half]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:1\n\n[profile typo-region]\nregion = us_east_1\n',
    );
    fs.appendFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE ?? '', '\n[half]\naws_access_key_id = AKIDHALF\n');
    const ports = new AwsPorts({ maxAttempts: 1 });
    const store = new RackStore(ports, () => ({ regions: [], organizations: {} }), { intervalSeconds: 0 });
    await store.refresh('manual');
    store.dispose();
    ports.dispose();
    const errors = new Map(store.errors().map((error) => [error.profile, error]));
    for (const profile of ['half', 'typo-region']) {
      assert.equal(errors.get(profile)?.kind, 'configuration', profile);
      assert.match(errors.get(profile)?.message ?? '', /Fix the configuration/, profile);
      assert.doesNotMatch(errors.get(profile)?.message ?? '', /expired|retry/i, profile);
    }
  });

  it('logs each ignored line once, however many refreshes read it', async () => {
    fs.appendFileSync(process.env.AWS_CONFIG_FILE ?? '', '\n[typo]\nregion = us-east-1\n');
    const log: string[] = [];
    const ports = new AwsPorts({ log: (line) => log.push(line) });
    await ports.discovery.profiles();
    await ports.discovery.profiles();
    fs.appendFileSync(process.env.AWS_CONFIG_FILE ?? '', '\n[other typo]\n');
    await ports.discovery.profiles();
    ports.dispose();
    assert.equal(log.length, 2, log.join('\n'));
    assert.match(log[0], /\[typo\]/);
    assert.match(log[1], /\[other typo\]/);
  });

  it('adds the environment credentials as one more source, apart from a profile named "environment"', async () => {
    fs.appendFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE ?? '',
      '\n[environment]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n',
    );
    const { profiles } = await loadProfiles({
      ...files(),
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'ca-central-1',
    });
    assert.deepEqual(
      { ...profiles.at(-1), client: undefined },
      {
        name: environmentProfile,
        region: 'ca-central-1',
        endpoints: {},
        credentials: { kind: 'environment' },
        client: undefined,
      },
    );
    assert.deepEqual(profiles.find((profile) => profile.name === 'environment')?.credentials, {
      kind: 'keys',
      accessKeyId: 'AKIDFILE',
      secretAccessKey: 's',
    });
  });

  it('reports an unreachable endpoint as a network error entry and a region-less profile as a problem', async () => {
    const ports = new AwsPorts({ maxAttempts: 1 });
    const store = new RackStore(ports, () => ({ regions: [], organizations: { corp: ['direct', 'keys-only'] } }), {
      intervalSeconds: 0,
    });
    await store.refresh('manual');
    store.dispose();
    ports.dispose();
    const errors = new Map(store.errors().map((error) => [error.profile, error]));
    assert.equal(errors.get('direct')?.kind, 'network');
    assert.match(
      errors.get('direct')?.message ?? '',
      /Could not reach http:\/\/127\.0\.0\.1:1 for profile "direct" \(ECONNREFUSED/,
    );
    assert.equal(errors.get('keys-only')?.organization, 'corp');
    assert.match(errors.get('keys-only')?.message ?? '', /has no region/);
  });
});
