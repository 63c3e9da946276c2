import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type Change,
  type CloudFormationClient,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import type { Rack } from '../../model/rack';
import type { Timing } from '../../model/store/ports';
import type { ResourceChange } from '../../model/update/preview';
import {
  PreviewFailedError,
  type ChangePreviewer,
  type ChangeSetPreview,
  type PreviewRequest,
} from '../../model/update/ports';
import type { AwsClients } from '../clients';
import { pollRead } from '../calls';
import { withDeadline } from '../deadline';
import { AwsReadError, classifyError } from '../errors';
import { endpointLabel, type AwsProfile } from '../profiles';

/** Pages of one change set's changes: a rack has about 150 resources, 100 changes a page. */
const maxPages = 20;
/** How long deleting the change set may take when the preview itself ran out of time. */
const cleanupMs = 10_000;

/** What CloudFormation says when nothing would change: a valid, empty preview. */
const noChanges = /didn't contain changes|No updates are to be performed/i;

export function resourceChange(change: Change): ResourceChange | undefined {
  const resource = change.ResourceChange;
  if (change.Type !== 'Resource' || !resource) return undefined;
  return {
    action: resource.Action ?? '',
    logicalId: resource.LogicalResourceId ?? '',
    physicalId: resource.PhysicalResourceId,
    resourceType: resource.ResourceType ?? '',
    replacement: resource.Replacement,
    scope: resource.Scope ?? [],
    details: (resource.Details ?? []).map((detail) => ({
      attribute: detail.Target?.Attribute,
      name: detail.Target?.Name,
      requiresRecreation: detail.Target?.RequiresRecreation,
      changeSource: detail.ChangeSource,
      causingEntity: detail.CausingEntity,
    })),
  };
}

/** A change set name of its own per preview, within CloudFormation's pattern `[a-zA-Z][-a-zA-Z0-9]*`. */
const changeSetName = (): string =>
  `convox-preview-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

/** Previews through the SDK. */
export class AwsChangePreviewer implements ChangePreviewer {
  constructor(private readonly clients: AwsClients) {}

  async preview(rack: Rack, request: PreviewRequest, timing: Timing): Promise<ChangeSetPreview> {
    const profile = this.clients.profile(rack.profile);
    const client = this.clients.cloudFormation(profile, rack.region);
    const ends = Date.now() + timing.deadlineMs;
    const left = (): number => Math.max(1, ends - Date.now());
    let calls = 0;
    const created = await this.call(
      rack,
      profile,
      'create the preview change set (cloudformation:CreateChangeSet)',
      left(),
      async (abortSignal) => {
        calls++;
        return client
          .send(
            new CreateChangeSetCommand({
              StackName: rack.stackId,
              ChangeSetName: changeSetName(),
              ChangeSetType: 'UPDATE',
              Description: 'Preview made by Convox Racks for VS Code; deleted once read, never executed.',
              ...(request.templateUrl ? { TemplateURL: request.templateUrl } : { UsePreviousTemplate: true }),
              Capabilities: ['CAPABILITY_IAM'],
              // A parameter the stack does not have yet (a new release's) takes the template's default.
              Parameters: request.templateParameterKeys.flatMap((key): Parameter[] =>
                Object.hasOwn(request.changed, key)
                  ? [{ ParameterKey: key, ParameterValue: request.changed[key] }]
                  : Object.hasOwn(rack.parameters, key)
                    ? [{ ParameterKey: key, UsePreviousValue: true }]
                    : [],
              ),
            }),
            { abortSignal },
          )
          .catch((error: unknown) => {
            // CloudFormation checks the values (and that the stack may be updated now) before it makes the change set.
            if (error instanceof Error && error.name === 'ValidationError') throw new PreviewFailedError(error.message);
            throw error;
          });
      },
    );
    const changeSetId = created.Id ?? '';
    try {
      const outcome = await pollRead(
        (leftMs) =>
          this.call(
            rack,
            profile,
            'read the preview change set (cloudformation:DescribeChangeSet)',
            leftMs,
            (abortSignal) => readChangeSet(client, changeSetId, abortSignal, () => calls++),
          ),
        { pollMs: timing.pollMs, ends, deadlineMs: timing.deadlineMs },
        {
          profile: rack.profile,
          region: rack.region,
          endpoint: endpointLabel(profile, 'cloudformation', rack.region),
          action: 'compute the preview (cloudformation:DescribeChangeSet)',
        },
      );
      return { ...outcome, deleted: await this.remove(rack, profile, client, changeSetId, () => calls++), calls };
    } catch (error) {
      await this.remove(rack, profile, client, changeSetId, () => calls++);
      throw error;
    }
  }

  /** Deletes the change set, whatever happened before; whether it is gone. */
  private async remove(
    rack: Rack,
    profile: AwsProfile,
    client: CloudFormationClient,
    changeSetId: string,
    count: () => void,
  ): Promise<boolean> {
    try {
      await this.call(
        rack,
        profile,
        'delete the preview change set (cloudformation:DeleteChangeSet)',
        cleanupMs,
        (abortSignal) => {
          count();
          return client.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId }), { abortSignal });
        },
      );
      return true;
    } catch {
      return false;
    }
  }

  private async call<T>(
    rack: Rack,
    profile: AwsProfile,
    action: string,
    deadlineMs: number,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const endpoint = endpointLabel(profile, 'cloudformation', rack.region);
    try {
      return await withDeadline(deadlineMs, endpoint, work);
    } catch (error) {
      if (error instanceof PreviewFailedError) throw error;
      const waitingForCredentials = this.clients.isResolvingCredentials(rack.profile);
      throw new AwsReadError(
        classifyError(error, { profile: rack.profile, region: rack.region, endpoint, action, waitingForCredentials }),
      );
    }
  }
}

/** Every page of a computed change set; undefined while CloudFormation is still computing it. */
async function readChangeSet(
  client: CloudFormationClient,
  changeSetId: string,
  abortSignal: AbortSignal,
  count: () => void,
): Promise<Omit<ChangeSetPreview, 'deleted' | 'calls'> | undefined> {
  const changes: ResourceChange[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    count();
    const answer = await client.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, NextToken: token }), {
      abortSignal,
    });
    if (answer.Status === 'FAILED') {
      const reason = answer.StatusReason ?? 'no reason given';
      if (noChanges.test(reason)) return { changes: [], noChanges: true };
      throw new PreviewFailedError(reason);
    }
    if (answer.Status !== 'CREATE_COMPLETE') return undefined;
    changes.push(...(answer.Changes ?? []).flatMap((change) => resourceChange(change) ?? []));
    token = answer.NextToken === token ? undefined : answer.NextToken;
    if (!token) break;
  }
  return { changes, noChanges: false };
}
