import { DeleteStackCommand, DescribeStackEventsCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { Rack } from '../../model/rack';
import type { StackEvent } from '../../model/stackEvents';
import type { InstallTarget, NewEvents, StackOperations } from '../../model/store/ports';
import { AwsCalls, missingStack } from '../calls';
import { newStackEvents, stackEvent } from './events';

/** A stack's events and status, and deleting it, through the SDK. */
export class AwsStackOperations extends AwsCalls implements StackOperations {
  events(rack: Rack, limit: number, deadlineMs: number): Promise<StackEvent[]> {
    return this.call(
      rack,
      'cloudformation',
      'read stack events (cloudformation:DescribeStackEvents)',
      deadlineMs,
      async (profile, abortSignal) => {
        const answer = await this.cloudFormation(profile, rack).send(
          new DescribeStackEventsCommand({ StackName: rack.stackId }),
          { abortSignal },
        );
        return (answer.StackEvents ?? []).slice(0, limit).map(stackEvent);
      },
    );
  }

  newEvents(
    target: InstallTarget,
    stackId: string,
    lastSeenId: string | undefined,
    deadlineMs: number,
    maxPages?: number,
  ): Promise<NewEvents> {
    return this.call(
      target,
      'cloudformation',
      'read stack events (cloudformation:DescribeStackEvents)',
      deadlineMs,
      (profile, abortSignal) =>
        newStackEvents(this.cloudFormation(profile, target), stackId, lastSeenId, abortSignal, maxPages),
    );
  }

  stackStatus(target: InstallTarget, stackId: string, deadlineMs: number): Promise<string | undefined> {
    return this.call(
      target,
      'cloudformation',
      'read the stack (cloudformation:DescribeStacks)',
      deadlineMs,
      async (profile, abortSignal) => {
        try {
          const answer = await this.cloudFormation(profile, target).send(
            new DescribeStacksCommand({ StackName: stackId }),
            { abortSignal },
          );
          const status = answer.Stacks?.[0]?.StackStatus;
          return status === 'DELETE_COMPLETE' ? undefined : status;
        } catch (error) {
          if (missingStack(error)) return undefined;
          throw error;
        }
      },
    );
  }

  deleteStack(target: InstallTarget, stackId: string, deadlineMs: number): Promise<void> {
    return this.call(
      target,
      'cloudformation',
      'delete the stack (cloudformation:DeleteStack)',
      deadlineMs,
      async (profile, abortSignal) => {
        await this.cloudFormation(profile, target).send(new DeleteStackCommand({ StackName: stackId }), {
          abortSignal,
        });
      },
    );
  }
}
