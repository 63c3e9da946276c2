import * as assert from 'node:assert/strict';
import { diagnose, eventsSinceLastUpdate, type Finding } from '../../../src/model/diagnose/rules';
import { stackType } from '../../../src/model/stackEvents';
import { ago, evidence, rackEvent, stackEvent } from './evidence';

const signalFailure = 'Received 1 FAILURE signal(s) out of 3. Unable to satisfy 100% MinSuccessfulInstancesPercent.';
const causeLine = `Instances UPDATE_FAILED: ${signalFailure}`;
const causeSentence =
  'Instances (AWS::AutoScaling::AutoScalingGroup) failed: Received 1 FAILURE signal(s) out of 3. Unable to satisfy 100% MinSuccessfulInstancesPercent';

/** A user-initiated update whose `Instances` failed, newest first, up to the stack's `final` status. */
const failedUpdate = (final: string) => [
  rackEvent(ago(5), final),
  rackEvent(ago(7), 'UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Instances].'),
  stackEvent(ago(8), 'Instances', 'UPDATE_FAILED', signalFailure),
  stackEvent(ago(9), 'Instances', 'UPDATE_IN_PROGRESS'),
  rackEvent(ago(10), 'UPDATE_IN_PROGRESS', 'User Initiated'),
];

/** A user-initiated install whose `Instances` failed, newest first, up to the stack's `final` status. */
const failedInstall = (final: string) => [
  rackEvent(ago(5), final),
  rackEvent(ago(7), 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Instances].'),
  stackEvent(ago(8), 'Instances', 'CREATE_FAILED', 'Received 0 SUCCESS signal(s) out of 1.'),
  stackEvent(ago(9), 'Instances', 'CREATE_IN_PROGRESS'),
  rackEvent(ago(10), 'CREATE_IN_PROGRESS', 'User Initiated'),
];

/** The stack's finding, the first one found. */
const stackFinding = (
  stackStatus: string,
  stackEvents = [rackEvent(ago(10), 'UPDATE_IN_PROGRESS', 'User Initiated')],
) => diagnose(evidence({ stackStatus, stackEvents })).findings[0];

describe('diagnosis of the rack’s stack', () => {
  describe('the events since the last update', () => {
    it('are those from the stack’s user-initiated start on, newest first as given', () => {
      const events = failedUpdate('UPDATE_ROLLBACK_COMPLETE');
      const older = [
        stackEvent(ago(60), 'Cluster', 'UPDATE_FAILED', 'an older failure'),
        rackEvent(ago(61), 'UPDATE_IN_PROGRESS', 'User Initiated'),
      ];
      assert.deepEqual(eventsSinceLastUpdate([...events, ...older], 'production'), events);
    });

    it('start neither at a resource’s nor at the rollback’s own start', () => {
      // The rollback's start carries the failed resources, not `User Initiated`: the failure before it belongs.
      const events = [
        ...failedUpdate('UPDATE_ROLLBACK_COMPLETE').slice(0, 4),
        stackEvent(ago(9.5), 'Nested', 'UPDATE_IN_PROGRESS', 'User Initiated', stackType),
        rackEvent(ago(10), 'UPDATE_IN_PROGRESS', 'User Initiated'),
      ];
      assert.deepEqual(eventsSinceLastUpdate(events, 'production'), events);
    });

    it('are all the events when none is the stack’s user-initiated start', () => {
      const events = failedUpdate('UPDATE_ROLLBACK_COMPLETE').slice(0, 3);
      assert.deepEqual(eventsSinceLastUpdate(events, 'production'), events);
    });
  });

  describe('a failed update rolled back', () => {
    it('names the failed resource, CloudFormation’s words beside the stack’s status and reason', () => {
      const finding = diagnose(
        evidence({
          stackStatus: 'UPDATE_ROLLBACK_COMPLETE',
          stackReason: 'Update rolled back',
          stackEvents: failedUpdate('UPDATE_ROLLBACK_COMPLETE'),
        }),
      ).findings[0];
      assert.equal(finding.severity, 'problem');
      assert.equal(finding.title, 'The last update failed and was rolled back');
      assert.ok(
        finding.meaning.startsWith(
          `The rack looks running, but CloudFormation undid its last update because ${causeSentence}. Until an update succeeds,`,
        ),
        finding.meaning,
      );
      assert.match(finding.next, /`Convox: Update Rack`/);
      assert.deepEqual(finding.evidence, ['production UPDATE_ROLLBACK_COMPLETE: Update rolled back', causeLine]);
    });

    it('without a cause in the events, says only that the update was undone', () => {
      const finding = stackFinding('UPDATE_ROLLBACK_COMPLETE');
      assert.ok(
        finding.meaning.startsWith('The rack looks running, but CloudFormation undid its last update. Until'),
        finding.meaning,
      );
      assert.deepEqual(finding.evidence, ['production UPDATE_ROLLBACK_COMPLETE']);
    });
  });

  describe('a failed install', () => {
    for (const status of ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED']) {
      it(`in ${status}: the stack was never created and keeps the name`, () => {
        const finding = stackFinding(status, failedInstall(status));
        assert.equal(finding.severity, 'problem');
        assert.equal(finding.title, 'The install failed');
        assert.equal(
          finding.meaning,
          `The stack was never created: Instances (AWS::AutoScaling::AutoScalingGroup) failed: Received 0 SUCCESS signal(s) out of 1. A stack in ${status} keeps the name from being used again.`,
        );
        assert.match(finding.next, /`Convox: Uninstall Rack`.* and install again\.$/);
        assert.deepEqual(finding.evidence, [
          `production ${status}`,
          'Instances CREATE_FAILED: Received 0 SUCCESS signal(s) out of 1.',
        ]);
      });
    }

    it('without a cause in the events, says the stack was never created', () => {
      const finding = stackFinding('ROLLBACK_COMPLETE');
      assert.equal(
        finding.meaning,
        'The stack was never created. A stack in ROLLBACK_COMPLETE keeps the name from being used again.',
      );
      assert.deepEqual(finding.evidence, ['production ROLLBACK_COMPLETE']);
    });
  });

  describe('a failed rollback', () => {
    it('names what failed the update and asks to continue the rollback', () => {
      const finding = stackFinding('UPDATE_ROLLBACK_FAILED', failedUpdate('UPDATE_ROLLBACK_FAILED'));
      assert.equal(finding.severity, 'problem');
      assert.equal(finding.title, 'The rollback of the last update failed');
      assert.equal(
        finding.meaning,
        `CloudFormation could not undo a failed update (${causeSentence}); the stack accepts no update until the rollback is continued.`,
      );
      assert.match(finding.next, /"Continue update rollback"/);
      assert.deepEqual(finding.evidence, ['production UPDATE_ROLLBACK_FAILED', causeLine]);
    });

    it('without a cause in the events, still asks to continue the rollback', () => {
      const finding = stackFinding('UPDATE_ROLLBACK_FAILED');
      assert.equal(
        finding.meaning,
        'CloudFormation could not undo a failed update; the stack accepts no update until the rollback is continued.',
      );
      assert.deepEqual(finding.evidence, ['production UPDATE_ROLLBACK_FAILED']);
    });
  });

  describe('a failed deletion', () => {
    it('names the resource that could not be deleted', () => {
      const finding = stackFinding('DELETE_FAILED', [
        rackEvent(ago(5), 'DELETE_FAILED', 'The following resource(s) failed to delete: [Logs].'),
        stackEvent(ago(6), 'Logs', 'DELETE_FAILED', 'The bucket you tried to delete is not empty', 'AWS::S3::Bucket'),
        stackEvent(ago(8), 'Logs', 'DELETE_IN_PROGRESS', undefined, 'AWS::S3::Bucket'),
        rackEvent(ago(10), 'DELETE_IN_PROGRESS', 'User Initiated'),
      ]);
      assert.equal(finding.severity, 'problem');
      assert.equal(finding.title, 'Deleting the rack failed');
      assert.equal(
        finding.meaning,
        'Some resources could not be deleted: Logs (AWS::S3::Bucket) failed: The bucket you tried to delete is not empty.',
      );
      assert.match(finding.next, /deletion protection.*`Convox: Uninstall Rack` again/);
      assert.deepEqual(finding.evidence, [
        'production DELETE_FAILED',
        'Logs DELETE_FAILED: The bucket you tried to delete is not empty',
      ]);
    });

    it('without a cause in the events, says only that resources remain', () => {
      const finding = stackFinding('DELETE_FAILED');
      assert.equal(finding.meaning, 'Some resources could not be deleted.');
      assert.deepEqual(finding.evidence, ['production DELETE_FAILED']);
    });
  });

  describe('a stack at work', () => {
    it('rolling back after a failure is a problem named by the failed resource', () => {
      const events = failedUpdate('UPDATE_ROLLBACK_IN_PROGRESS').slice(1);
      const finding: Finding = stackFinding('UPDATE_ROLLBACK_IN_PROGRESS', events);
      assert.deepEqual(
        { severity: finding.severity, title: finding.title, meaning: finding.meaning },
        { severity: 'problem', title: 'CloudFormation is rolling back: Instances failed', meaning: causeSentence },
      );
      assert.match(finding.next, /`Convox: Inspect Rack`/);
      assert.deepEqual(finding.evidence, ['production UPDATE_ROLLBACK_IN_PROGRESS', causeLine]);
    });

    it('updating without a failure is a note that the status follows', () => {
      const finding = stackFinding('UPDATE_IN_PROGRESS');
      assert.equal(finding.severity, 'note');
      assert.equal(finding.title, 'CloudFormation is working on the stack (UPDATE_IN_PROGRESS)');
      assert.match(finding.meaning, /until the stack settles/);
      assert.deepEqual(finding.evidence, ['production UPDATE_IN_PROGRESS']);
    });

    it('settled without failure, the stack is not a finding', () => {
      for (const stackStatus of ['UPDATE_COMPLETE', 'CREATE_COMPLETE']) {
        assert.deepEqual(diagnose(evidence({ stackStatus })).findings, [], stackStatus);
      }
    });
  });
});
