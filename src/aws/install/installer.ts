import { DeleteAutoScalingGroupCommand, AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListStackResourcesCommand,
  type CloudFormationClient,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ChangeSetFailedError, NameTakenError } from '../../model/install/errors';
import {
  uninstallPlan,
  type PlanResource,
  type PlanStack,
  type UninstallPlan,
} from '../../model/install/uninstallPlan';
import type { Rack } from '../../model/rack';
import type {
  InstallRequest,
  InstallTarget,
  NameAvailability,
  RackInstaller,
  StartedStack,
  Timing,
} from '../../model/store/ports';
import { withDeadline } from '../deadline';
import { AwsCalls, missingStack, pollRead, type Where } from '../calls';
import { endpointLabel } from '../profiles';
import { httpsAnswers } from './dashboard';

/** The change set's name, as the CLI names it. */
const changeSetName = 'init';
/** Pages of a listing (stacks of a region, resources of a stack, changes of a change set) before it is cut off. */
const maxPages = 100;

/** Creating racks, and the uninstall's plan and its own steps, through the SDK. */
export class AwsInstaller extends AwsCalls implements RackInstaller {
  async checkName(target: InstallTarget, deadlineMs: number): Promise<NameAvailability> {
    return this.call(
      target,
      'cloudformation',
      'look for a stack of that name (cloudformation:DescribeStacks)',
      deadlineMs,
      async (profile, abortSignal) => {
        try {
          const answer = await this.cloudFormation(profile, target).send(
            new DescribeStacksCommand({ StackName: target.name }),
            { abortSignal },
          );
          const stack = answer.Stacks?.[0];
          if (!stack) return { kind: 'free' };
          const status = stack.StackStatus ?? 'UNKNOWN';
          if (status === 'ROLLBACK_COMPLETE' || status === 'REVIEW_IN_PROGRESS')
            return { kind: 'leftover', status, stackId: stack.StackId ?? target.name };
          return { kind: 'taken', status };
        } catch (error) {
          if (missingStack(error)) return { kind: 'free' };
          throw error;
        }
      },
    );
  }

  async create(request: InstallRequest, timing: Timing): Promise<StartedStack> {
    const ends = Date.now() + timing.deadlineMs;
    const left = (): number => Math.max(1, ends - Date.now());
    const created = await this.call(
      request,
      'cloudformation',
      'create the change set (cloudformation:CreateChangeSet)',
      left(),
      async (profile, abortSignal) => {
        try {
          return await this.cloudFormation(profile, request).send(
            new CreateChangeSetCommand({
              StackName: request.name,
              ChangeSetName: changeSetName,
              ChangeSetType: 'CREATE',
              TemplateURL: request.templateUrl,
              Capabilities: ['CAPABILITY_IAM'],
              Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({
                ParameterKey,
                ParameterValue,
              })),
              Tags: [
                ...Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
                { Key: 'System', Value: 'convox' },
                { Key: 'Type', Value: 'rack' },
              ],
            }),
            { abortSignal },
          );
        } catch (error) {
          if (error instanceof Error && error.name === 'AlreadyExistsException') {
            throw new NameTakenError(
              `A stack named ${request.name} already exists in ${request.region} for profile "${request.profile}". Choose another name, or delete that stack first.`,
            );
          }
          throw error;
        }
      },
    );
    const changeSetId = created.Id ?? '';
    const stackId = created.StackId ?? request.name;
    const ready = await this.changeSetReady(request, changeSetId, {
      pollMs: timing.pollMs,
      ends,
      deadlineMs: timing.deadlineMs,
    });
    if (ready.failure !== undefined) {
      const cleaned = await this.removeFailedChangeSet(request, changeSetId, stackId, timing.deadlineMs);
      throw new ChangeSetFailedError(ready.failure, request.name, cleaned);
    }
    await this.call(
      request,
      'cloudformation',
      'start the creation (cloudformation:ExecuteChangeSet)',
      left(),
      (profile, abortSignal) =>
        this.cloudFormation(profile, request).send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId }), {
          abortSignal,
        }),
    );
    return { stackId, total: ready.changes };
  }

  /** Polls the change set until CloudFormation has computed it; the number of changes, or why it failed. */
  private changeSetReady(
    target: Where,
    changeSetId: string,
    timing: { pollMs: number; ends: number; deadlineMs: number },
  ): Promise<{ changes: number; failure?: string }> {
    const action = 'read the change set (cloudformation:DescribeChangeSet)';
    const endpoint = endpointLabel(this.clients.profile(target.profile), 'cloudformation', target.region);
    return pollRead(
      (leftMs) =>
        this.call(target, 'cloudformation', action, leftMs, async (profile, abortSignal) => {
          const client = this.cloudFormation(profile, target);
          let changes = 0;
          let token: string | undefined;
          for (let page = 0; page < maxPages; page++) {
            const answer = await client.send(
              new DescribeChangeSetCommand({ ChangeSetName: changeSetId, NextToken: token }),
              { abortSignal },
            );
            if (answer.Status === 'FAILED') return { changes: 0, failure: answer.StatusReason ?? 'no reason given' };
            if (answer.Status !== 'CREATE_COMPLETE') return undefined;
            changes += answer.Changes?.length ?? 0;
            token = answer.NextToken === token ? undefined : answer.NextToken;
            if (!token) break;
          }
          return { changes };
        }),
      timing,
      { ...target, endpoint, action },
    );
  }

  /** Deletes a failed change set and the empty stack it made; whether the stack is gone. */
  private async removeFailedChangeSet(
    target: InstallTarget,
    changeSetId: string,
    stackId: string,
    deadlineMs: number,
  ): Promise<boolean> {
    try {
      await this.call(
        target,
        'cloudformation',
        'delete the failed change set and its empty stack (cloudformation:DeleteChangeSet, DeleteStack)',
        deadlineMs,
        async (profile, abortSignal) => {
          const client = this.cloudFormation(profile, target);
          await client.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId }), { abortSignal });
          await client.send(new DeleteStackCommand({ StackName: stackId }), { abortSignal });
        },
      );
      return true;
    } catch {
      return false;
    }
  }

  uninstallPlan(
    rack: Rack,
    deadlineMs: number,
  ): Promise<{ plan: UninstallPlan; resources: Map<string, PlanResource[]> }> {
    return this.call(
      rack,
      'cloudformation',
      "list the rack's stacks and resources (cloudformation:DescribeStacks, ListStackResources)",
      deadlineMs,
      async (profile, abortSignal) => {
        const client = this.cloudFormation(profile, rack);
        const stacks: PlanStack[] = [];
        // Paged by hand, so that every loop here has the same bound and ends on a repeated token.
        let token: string | undefined;
        for (let page = 0; page < maxPages; page++) {
          const answer = await client.send(new DescribeStacksCommand({ NextToken: token }), { abortSignal });
          stacks.push(...(answer.Stacks ?? []).filter((stack) => !stack.ParentId).map(planStack));
          token = answer.NextToken === token ? undefined : answer.NextToken;
          if (!token) break;
        }
        const rackStack = stacks.find((stack) => stack.stackId === rack.stackId) ?? {
          name: rack.name,
          stackId: rack.stackId,
          status: rack.cloudformationStatus,
          tags: rack.tags,
          parameters: rack.parameters,
        };
        const dependents = stacks.filter((stack) => stack.tags.Rack === rack.name);
        const resources = new Map<string, PlanResource[]>();
        for (const stack of [rackStack, ...dependents])
          resources.set(stack.name, await resourcesOf(client, stack.stackId, abortSignal));
        return { plan: uninstallPlan(rackStack, dependents, resources), resources };
      },
    );
  }

  disableRule(target: InstallTarget, ruleName: string, deadlineMs: number): Promise<void> {
    return this.call(
      target,
      'eventbridge',
      "disable the rack's autoscaler (events:DisableRule)",
      deadlineMs,
      async (profile, abortSignal) => {
        const client = this.clients.client(
          'eventbridge',
          profile,
          target.region,
          (config) => new EventBridgeClient(config),
        );
        try {
          await client.send(new DisableRuleCommand({ Name: ruleName }), { abortSignal });
        } catch (error) {
          // Already gone: nothing left to stop.
          if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
        }
      },
    );
  }

  forceDeleteAutoScalingGroup(target: InstallTarget, groupName: string, deadlineMs: number): Promise<void> {
    return this.call(
      target,
      'auto_scaling',
      'delete the auto-scaling group and its instances (autoscaling:DeleteAutoScalingGroup)',
      deadlineMs,
      async (profile, abortSignal) => {
        const client = this.clients.client(
          'auto_scaling',
          profile,
          target.region,
          (config) => new AutoScalingClient(config),
        );
        try {
          await client.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: groupName, ForceDelete: true }), {
            abortSignal,
          });
        } catch (error) {
          if (!(error instanceof Error && error.name === 'ValidationError' && /not found/.test(error.message)))
            throw error;
        }
      },
    );
  }

  apiAnswers(host: string, deadlineMs: number): Promise<boolean> {
    return withDeadline(deadlineMs, `https://${host}`, (signal) => httpsAnswers(host, signal)).catch(() => false);
  }
}

function planStack(stack: Stack): PlanStack {
  return {
    name: stack.StackName ?? '',
    stackId: stack.StackId ?? '',
    status: stack.StackStatus ?? '',
    tags: Object.fromEntries((stack.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
    parameters: Object.fromEntries(
      (stack.Parameters ?? []).map((parameter) => [parameter.ParameterKey ?? '', parameter.ParameterValue ?? '']),
    ),
  };
}

async function resourcesOf(
  client: CloudFormationClient,
  stackId: string,
  abortSignal: AbortSignal,
): Promise<PlanResource[]> {
  const resources: PlanResource[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await client.send(new ListStackResourcesCommand({ StackName: stackId, NextToken: token }), {
      abortSignal,
    });
    for (const summary of answer.StackResourceSummaries ?? []) {
      resources.push({
        logicalId: summary.LogicalResourceId ?? '',
        physicalId: summary.PhysicalResourceId,
        type: summary.ResourceType ?? '',
      });
    }
    token = answer.NextToken === token ? undefined : answer.NextToken;
    if (!token) break;
  }
  return resources;
}
