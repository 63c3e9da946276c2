import * as assert from 'node:assert/strict';
import type { AwsPorts } from '../../src/aws';
import { templateUrl } from '../../src/model/install/releases';
import { watchStack, type WatchResult } from '../../src/model/install/watch';
import type { Rack } from '../../src/model/rack';
import type { Timing } from '../../src/model/store/ports';
import type { RackStore } from '../../src/model/store/rackStore';
import { PreviewFailedError } from '../../src/model/update/ports';
import { previewRows } from '../../src/model/update/preview';
import { changedParameters, systemUpdateForm, type RackChange } from '../../src/model/update/rackChange';
import { systemOf, updateSystem } from '../../src/rackApi/client';
import type { RackApiTarget } from '../../src/model/update/ports';
import { RackApiError, RackApiUnreachableError, UntrustedCertificateError } from '../../src/model/update/rackApiErrors';
import { releaseVersions, updateScenario, type Stack } from '../sim';
import { refreshedStoreHooks, type SimulatedAws } from './helpers';
import { rackNamed } from '../rackNamed';

const timing: Timing = { deadlineMs: 5_000, pollMs: 25 };

describe('updating racks through their API, with change set previews, against the simulator', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  let ports: AwsPorts;
  let store: RackStore;

  refreshedStoreHooks(
    () => updateScenario(),
    { dashboard: true },
    (world) => ({ aws, ports, store } = world),
  );
  beforeEach(() => {
    Object.assign(aws.sim.scenario.install ?? assert.fail(), { stepMs: 10, changeSetMs: 20, updateFailure: undefined });
    aws.sim.calls.reset();
  });

  const production = async (): Promise<Rack> => {
    await store.refresh('manual');
    const rack = rackNamed(store, 'acme/production');
    assert.ok(rack);
    return rack;
  };
  const stackOf = (rack: Rack): Stack => {
    const stack = aws.sim.scenario.accounts
      .flatMap((account) => Object.values(account.regions))
      .flatMap((region) => region.stacks)
      .find((candidate) => candidate.id === rack.stackId);
    assert.ok(stack);
    return stack;
  };
  const changeSetsLeft = (): number =>
    aws.sim.scenario.accounts
      .flatMap((account) => Object.values(account.regions))
      .reduce(
        (sum, region) => sum + (region.changeSets ?? []).filter((changeSet) => changeSet.type === 'UPDATE').length,
        0,
      );
  const target = async (rack: Rack, pinnedFingerprint?: string): Promise<RackApiTarget> => {
    const password = await ports.secrets.apiPassword(rack, 5_000);
    assert.ok(password && rack.apiHost);
    return { host: rack.apiHost, password, pinnedFingerprint };
  };
  const pinned = async (rack: Rack): Promise<RackApiTarget> =>
    target(rack, aws.sim.dashboardCertificate?.fingerprint());
  const templateKeys = async (rack: Rack, version = rack.version ?? ''): Promise<string[]> =>
    (await ports.releases.templateParameters(rack, templateUrl(aws.sim.releasesUrl, version), 5_000)).map(
      (parameter) => parameter.key,
    );
  const preview = async (rack: Rack, change: RackChange) =>
    ports.previewer.preview(
      rack,
      {
        templateParameterKeys: await templateKeys(rack, change.kind === 'version' ? change.version : undefined),
        changed: changedParameters(rack, change),
        templateUrl: change.kind === 'version' ? templateUrl(aws.sim.releasesUrl, change.version) : undefined,
      },
      timing,
    );
  /** Applies through the rack API and follows the stack's events from before the change. */
  const apply = async (rack: Rack, change: RackChange, total: number): Promise<WatchResult> => {
    const where = { profile: rack.profile, region: rack.region, name: rack.name };
    const before = await ports.stacks.newEvents(where, rack.stackId, undefined, 5_000, 1);
    await updateSystem(await pinned(rack), systemUpdateForm(rack, change), 5_000);
    return watchStack(ports.stacks, {
      target: where,
      stackId: rack.stackId,
      operation: 'update',
      total,
      timing,
      lastSeenId: before.events[0]?.id,
      maxMs: 20_000,
    });
  };

  it('previews a scale as a change set of type UPDATE with the previous template and values, and deletes it', async () => {
    const rack = await production();
    aws.sim.calls.reset();
    const result = await preview(rack, { kind: 'scale', count: 4 });
    assert.deepEqual(
      previewRows(result.changes).map((row) => `${row.action} ${row.logicalId}`),
      ['Modify Instances'],
    );
    assert.equal(result.deleted, true);
    assert.equal(changeSetsLeft(), 0, 'a preview leaves nothing behind');
    const operations = aws.sim.calls
      .all()
      .filter((call) => call.service === 'cloudformation')
      .map((call) => call.operation);
    assert.deepEqual(
      [...new Set(operations)],
      ['GetTemplateSummary', 'CreateChangeSet', 'DescribeChangeSet', 'DeleteChangeSet'],
    );
    assert.equal(stackOf(rack).status, 'UPDATE_COMPLETE', 'nothing changed');
  });

  it('previews replacements with their reasons, and an update to a release with its template', async () => {
    const rack = await production();
    const cidr = previewRows(
      (await preview(rack, { kind: 'parameters', parameters: { VPCCIDR: '10.1.0.0/16' } })).changes,
    );
    const vpc = cidr.find((row) => row.logicalId === 'Vpc');
    assert.equal(vpc?.action, 'Replace');
    assert.deepEqual(vpc?.reasons, ['CidrBlock (recreated always, by parameter VPCCIDR)']);
    assert.ok(cidr.filter((row) => row.highlighted).length >= 2);
    const release = previewRows((await preview(rack, { kind: 'version', version: releaseVersions[1] })).changes);
    assert.ok(release.some((row) => row.logicalId === 'ServiceWebApi' && row.action === 'Modify'));
    assert.equal(changeSetsLeft(), 0);
  });

  it('an unchanged value is a valid, empty preview; a value CloudFormation refuses says why', async () => {
    const rack = await production();
    const empty = await preview(rack, { kind: 'parameters', parameters: { Autoscale: rack.parameters.Autoscale } });
    assert.equal(empty.noChanges, true);
    assert.deepEqual(empty.changes, []);
    await assert.rejects(
      preview(rack, { kind: 'scale', count: 1 }),
      (error: unknown) => error instanceof PreviewFailedError && /InstanceCount/.test(error.message),
    );
    assert.equal(changeSetsLeft(), 0);
  });

  it('refuses an untrusted certificate before sending anything, until it is pinned; another certificate later is refused again', async () => {
    const rack = await production();
    const fingerprint = aws.sim.dashboardCertificate?.fingerprint();
    const handshakesBefore = aws.sim.dashboardCertificate?.handshakes() ?? 0;
    await assert.rejects(systemOf(await target(rack), 5_000), (error: unknown) => {
      assert.ok(error instanceof UntrustedCertificateError && !error.pinMismatch);
      assert.equal(error.fingerprint, fingerprint);
      assert.equal(error.certificate.subject, 'CN=127.0.0.1');
      assert.ok(Date.parse(error.certificate.validTo) > Date.now(), error.certificate.validTo);
      return true;
    });
    assert.equal(
      aws.sim.dashboardCertificate?.handshakes(),
      handshakesBefore + 1,
      "the certificate described is the refused connection's: no second connection",
    );
    assert.equal(aws.sim.calls.count({ service: 'rackapi' }), 0, 'the password never reached the API');
    const system = await systemOf(await pinned(rack), 5_000);
    assert.equal(system.name, 'production');
    assert.equal(system.status, 'running');
    assert.equal(system.version, rack.version);
    assert.equal(system.parameters.Password, undefined);
    assert.equal(aws.sim.calls.count({ service: 'rackapi' }), 1);
    const replaced = await aws.sim.dashboardCertificate?.replace();
    const handshakesAtMismatch = aws.sim.dashboardCertificate?.handshakes() ?? 0;
    await assert.rejects(
      systemOf(await target(rack, fingerprint), 5_000),
      (error: unknown) =>
        error instanceof UntrustedCertificateError &&
        error.pinMismatch &&
        error.fingerprint === replaced &&
        error.certificate.subject === 'CN=127.0.0.1',
    );
    assert.equal(aws.sim.dashboardCertificate?.handshakes(), handshakesAtMismatch + 1);
    assert.equal(aws.sim.calls.count({ service: 'rackapi' }), 1, 'nothing sent to the new certificate');
    const wrongPassword = { ...(await pinned(rack)), password: 'not-the-password' };
    await assert.rejects(
      systemOf(wrongPassword, 5_000),
      (error: unknown) => error instanceof RackApiError && error.status === 401,
    );
  });

  it('an API that cannot be reached says so, with what to do', async () => {
    await assert.rejects(
      systemOf({ host: '127.0.0.1:9', password: 'x' }, 2_000),
      (error: unknown) => error instanceof RackApiUnreachableError && /PrivateApi=Yes/.test(error.message),
    );
  });

  it('updates to a release through PUT /system, follows it to UPDATE_COMPLETE and records the release', async () => {
    const rack = await production();
    const total = (await preview(rack, { kind: 'version', version: releaseVersions[1] })).changes.length;
    const result = await apply(rack, { kind: 'version', version: releaseVersions[1] }, total);
    assert.equal(result.outcome, 'succeeded');
    assert.equal(result.progress.complete, total);
    assert.ok(result.calls <= result.polls + 2, 'one DescribeStackEvents page per poll');
    assert.equal(stackOf(rack).parameters.find((parameter) => parameter.key === 'Version')?.value, releaseVersions[1]);
    assert.deepEqual(
      aws.sim.scenario.install?.recordedReleases?.map((release) => `${release.rack} ${release.version}`),
      [`production ${releaseVersions[1]}`],
    );
    assert.equal((await production()).version, releaseVersions[1]);
  });

  it('sets parameters and scales through the rack API', async () => {
    let rack = await production();
    assert.equal((await apply(rack, { kind: 'parameters', parameters: { Autoscale: 'No' } }, 1)).outcome, 'succeeded');
    rack = await production();
    assert.equal(rack.parameters.Autoscale, 'No');
    assert.equal((await apply(rack, { kind: 'scale', count: 4, type: 't3.xlarge' }, 2)).outcome, 'succeeded');
    rack = await production();
    assert.equal(rack.parameters.InstanceCount, '4');
    assert.equal(rack.parameters.InstanceType, 't3.xlarge');
    assert.equal((await systemOf(await pinned(rack), 5_000)).count, 4);
  });

  it("an update while the rack is updating is refused with CloudFormation's words", async () => {
    (aws.sim.scenario.install ?? assert.fail()).stepMs = 200;
    const rack = await production();
    await updateSystem(
      await pinned(rack),
      systemUpdateForm(rack, { kind: 'parameters', parameters: { LogRetention: '14' } }),
      5_000,
    );
    await assert.rejects(
      updateSystem(await pinned(rack), systemUpdateForm(rack, { kind: 'scale', count: 5 }), 5_000),
      (error: unknown) =>
        error instanceof RackApiError && /is in UPDATE_IN_PROGRESS state and can not be updated/.test(error.message),
    );
    await waitForStatus(rack, 'UPDATE_COMPLETE');
  });

  it('an update that fails rolls back, with its root cause, and the previous values stay', async () => {
    const rack = await production();
    (aws.sim.scenario.install ?? assert.fail()).updateFailure = {
      logicalId: 'Instances',
      reason:
        'Resource handler returned message: "The instance type t3.huge does not exist (Service: AutoScaling, Status Code: 400, Request ID: 5)" (RequestToken: 6, HandlerErrorCode: InvalidRequest)',
    };
    const result = await apply(rack, { kind: 'scale', type: 't3.huge' }, 2);
    assert.equal(result.outcome, 'failed');
    assert.equal(result.progress.stackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    assert.equal(result.rootCause?.logicalId, 'Instances');
    assert.equal(result.rootCause?.reason, 'The instance type t3.huge does not exist');
    assert.equal((await production()).parameters.InstanceType, 't3.xlarge');
    assert.equal((await production()).status, 'running');
  });

  async function waitForStatus(rack: Rack, status: string): Promise<void> {
    for (let tries = 0; tries < 200 && stackOf(rack).status !== status; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      await ports.stacks.stackStatus(
        { profile: rack.profile, region: rack.region, name: rack.name },
        rack.stackId,
        5_000,
      );
    }
    assert.equal(stackOf(rack).status, status);
  }
});
