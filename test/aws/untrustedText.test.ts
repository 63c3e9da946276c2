// AWS, rack and template text on its way to a notification or an input box, through the shipped code against the
// simulator: a command link planted in each source arrives as inert text in the exact string the views hand to
// VS Code (failureNotice for reportFailure, installFailedNotice, optionPrompt).
import * as assert from 'node:assert/strict';
import type { AwsPorts } from '../../src/aws';
import { templateUrl } from '../../src/model/install/releases';
import { rootCauseSentence } from '../../src/model/install/rootCause';
import { watchStack } from '../../src/model/install/watch';
import { failureNotice, installFailedNotice, optionPrompt } from '../../src/model/notices';
import type { RackStore } from '../../src/model/store/rackStore';
import { systemUpdateForm } from '../../src/model/update/rackChange';
import { updateSystem } from '../../src/rackApi/client';
import { RackApiError } from '../../src/model/update/rackApiErrors';
import { releaseVersions, updateScenario } from '../sim';
import { rackNamed } from '../rackNamed';
import { refreshedStoreHooks, type SimulatedAws } from './helpers';

const commandLink = '[x](command:workbench.action.openSettings)';
/** `[label](target)`, which VS Code would render as a link running `target`. */
const linkSyntax = /\[[^\]]*\]\(/;
const timing = { deadlineMs: 5_000, pollMs: 25 };

describe('untrusted text reaching notifications and prompts, against the simulator', function () {
  this.timeout(30_000);
  let aws: SimulatedAws;
  let ports: AwsPorts;
  let store: RackStore;

  refreshedStoreHooks(
    () => updateScenario(),
    { dashboard: true },
    (world) => ({ aws, ports, store } = world),
  );

  it('a CloudFormation failure reason reaches the install failure notification without a link', async () => {
    const install = aws.sim.scenario.install ?? assert.fail('an install world');
    Object.assign(install, {
      stepMs: 10,
      changeSetMs: 20,
      failure: {
        logicalId: 'Instances',
        reason: `Resource handler returned message: "Quota exceeded, see ${commandLink}" (RequestToken: 81c3, HandlerErrorCode: ServiceLimitExceeded)`,
      },
    });
    const target = { profile: 'acme-prod', region: 'us-east-1', name: 'link-rack' };
    const started = await store.installer.create(
      {
        ...target,
        templateUrl: templateUrl(aws.sim.releasesUrl, releaseVersions[2]),
        parameters: { Password: 'PasswordPasswordPasswordPasswo', Version: releaseVersions[2] },
        tags: {},
      },
      timing,
    );
    const result = await watchStack(store.stacks, {
      target,
      stackId: started.stackId,
      operation: 'create',
      total: started.total,
      timing,
      maxMs: 20_000,
    });
    assert.equal(result.outcome, 'failed');
    const why = rootCauseSentence(result.rootCause ?? assert.fail('a root cause'));
    assert.ok(why.includes(commandLink), 'the reason arrives with its link, as CloudFormation gave it');
    const shown = installFailedNotice(target.name, why, result.progress.stackStatus);
    assert.doesNotMatch(shown, linkSyntax);
    assert.match(
      shown,
      /^Convox: installing link-rack failed\. Instances \(AWS::AutoScaling::AutoScalingGroup\) failed: Quota exceeded, see \[x\] \(command:workbench\.action\.openSettings\)\. The stack link-rack is left/,
    );
  });

  it('a rack API error reaches the update failure notification without a link', async () => {
    await store.refresh('manual');
    const rack = rackNamed(store, 'acme/production') ?? assert.fail('acme/production');
    const password = (await ports.secrets.apiPassword(rack, 5_000)) ?? assert.fail('its password');
    const api = {
      host: rack.apiHost ?? assert.fail('its API host'),
      password,
      pinnedFingerprint: aws.sim.dashboardCertificate?.fingerprint(),
    };
    // The rack names the release it could not fetch in its error, as the real one does.
    const error = await updateSystem(
      api,
      systemUpdateForm(rack, { kind: 'version', version: commandLink }),
      5_000,
    ).then(
      () => assert.fail('the rack refuses an unknown release'),
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof RackApiError && error.message.includes(commandLink), String(error));
    const shown = failureNotice('Update Rack stopped', error.message);
    assert.doesNotMatch(shown, linkSyntax);
    assert.ok(shown.startsWith('Convox: Update Rack stopped: '), shown);
    assert.ok(shown.includes('[x] (command:workbench.action.openSettings)'), shown);
  });

  it("a template parameter's description (read from the template, a link added) reaches the install option's prompt without a link", async () => {
    const parameters = await store.releases.templateParameters(
      { profile: 'acme-prod', region: 'us-east-1' },
      templateUrl(aws.sim.releasesUrl, releaseVersions[2]),
      5_000,
    );
    const instanceType =
      parameters.find((parameter) => parameter.key === 'InstanceType') ?? assert.fail('InstanceType');
    const shown = optionPrompt({
      ...instanceType,
      description: `${instanceType.description ?? ''} ${commandLink}\nsecond line`,
    });
    assert.equal(
      shown,
      'Instance type for the rack servers [x] (command:workbench.action.openSettings) second line (default: t3.small)',
    );
  });
});
