// Installing and uninstalling through the bundles as they ship (dist/installUi.js loaded on first use, the AWS
// calls in dist/aws.js), inside a real extension host against the simulator: release list, template, change set,
// progress to CREATE_COMPLETE, the rack running in the store, its API answering, and the uninstall.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { latestRelease, templateUrl } from '../../src/model/install/releases';
import { runUninstall } from '../../src/model/install/uninstall';
import { watchStack } from '../../src/model/install/watch';
import { hostInstallPassword } from '../sim/scenarios/install';
import { activateConvox } from './extension';

const target = { profile: 'acme-prod', region: 'us-east-1', name: 'host-rack' };
const timing = { deadlineMs: 10_000, pollMs: 50 };

describe('install and uninstall through the shipped bundles', function () {
  this.timeout(60_000);

  it('loads the install wizard only when Install Rack is run', async () => {
    await activateConvox();
    const loaded = (): string[] => Object.keys(require.cache).map((file) => path.basename(file));
    assert.ok(!loaded().includes('installUi.js'), 'dist/installUi.js is not loaded by activation');
    const wizard = vscode.commands.executeCommand('convox.installRack');
    const until = Date.now() + 10_000;
    while (!loaded().includes('installUi.js') && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(loaded().includes('installUi.js'), 'dist/installUi.js is loaded by Install Rack');
    // Closing the first step ends the wizard with nothing created.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await wizard;
  });

  it('installs a rack to running, reaches its API, and uninstalls it', async () => {
    const api = await activateConvox();
    const store = api.store;
    await store.refresh('manual');
    const releasesUrl =
      vscode.workspace.getConfiguration('convox').get<string>('releasesUrl') ?? assert.fail('convox.releasesUrl');
    const latest =
      latestRelease(await store.releases.releases(releasesUrl, 10_000)) ?? assert.fail('a published release');
    const url = templateUrl(releasesUrl, latest.version);
    const parameters = await store.releases.templateParameters(target, url, 10_000);
    assert.ok(parameters.some((parameter) => parameter.key === 'HighAvailability'));
    assert.deepEqual(await store.installer.checkName(target, 10_000), { kind: 'free' });

    const started = await store.installer.create(
      { ...target, templateUrl: url, parameters: { Password: hostInstallPassword, Version: latest.version }, tags: {} },
      timing,
    );
    const created = await watchStack(store.stacks, {
      target,
      stackId: started.stackId,
      operation: 'create',
      total: started.total,
      timing,
      maxMs: 30_000,
    });
    assert.equal(created.outcome, 'succeeded');
    await store.refresh('manual');
    const rack =
      store.racks().find((candidate) => candidate.stackId === started.stackId) ?? assert.fail('the new rack is listed');
    assert.equal(rack.status, 'running');
    assert.equal(rack.version, latest.version);
    assert.ok(rack.apiHost && (await store.installer.apiAnswers(rack.apiHost, 5_000)), 'the rack API answers HTTPS');

    const { plan, resources } = await store.installer.uninstallPlan(rack, 10_000);
    assert.equal(plan.refusal, undefined);
    assert.deepEqual(
      plan.stacks.map((stack) => stack.name),
      ['host-rack'],
    );
    const steps: string[] = [];
    const removed = await runUninstall(store, rack, plan, resources, timing, {
      step: (text) => steps.push(text),
      events: () => undefined,
      progress: () => undefined,
    });
    assert.equal(removed.outcome, 'succeeded');
    assert.match(steps.join('\n'), /Disabling the autoscaler[\s\S]*auto-scaling group[\s\S]*Deleting host-rack/);
    await store.refresh('manual');
    assert.equal(
      store.racks().find((candidate) => candidate.stackId === started.stackId),
      undefined,
    );
  });
});
