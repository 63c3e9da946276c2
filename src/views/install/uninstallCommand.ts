import * as vscode from 'vscode';
import { failureReason } from '../../model/install/follow';
import { runUninstall } from '../../model/install/uninstall';
import type { PlanResource, UninstallPlan } from '../../model/install/uninstallPlan';
import type { RackId } from '../../model/identity';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { inertText } from '../../model/untrustedText';
import { reportFailure } from '../shared/failures';
import { installPollMs } from './installPoll';
import type { EventsDocuments } from '../shared/eventsDocuments';
import { pick, type PickItem } from './quickInput';
import { messageOf } from '../../model/errorMessage';
import { followStack, showStackFailure } from '../shared/followStack';

export interface UninstallDependencies {
  store: RackStore;
  documents: EventsDocuments;
  log: vscode.LogOutputChannel;
  currentRack(): RackId | undefined;
  clearCurrent(): Promise<void>;
  /** Drops what was kept for the rack's API (pinned certificates): its stack is gone. */
  forgetRack(rack: Rack): Promise<void>;
  /** Removes the rack from the convox CLI's files, as `convox rack uninstall` does (and its auth, racks, host). */
  forgetInCli(rack: Rack): Promise<void>;
}

/**
 * Convox: Uninstall Rack: shows what goes and what stays, refuses while deletion protection (NLB, DynamoDB, a
 * database) would stop it, asks for the rack's name typed out, then deletes as the CLI does, with progress; a
 * DELETE_FAILED stops with its root cause and a Retry.
 */
export async function uninstallRack(dependencies: UninstallDependencies, rack: Rack): Promise<void> {
  const { store, log } = dependencies;
  let planned: { plan: UninstallPlan; resources: Map<string, PlanResource[]> };
  try {
    planned = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Convox: listing what uninstalling ${rack.name} deletes…`,
      },
      () => store.installer.uninstallPlan(rack, store.requestDeadlineMs),
    );
  } catch (error) {
    return reportFailure(log, `Could not plan the uninstall of ${rack.displayName}`, error);
  }
  const { plan, resources } = planned;
  if (plan.refusal) {
    log.warn(`Uninstall of ${rack.displayName} refused before any step: ${plan.refusal}`);
    void vscode.window.showErrorMessage(
      `Convox: ${rack.displayName} cannot be uninstalled yet, and nothing was deleted: ${inertText(plan.refusal, 1_000)}`,
    );
    return;
  }
  if (!(await confirm(rack, plan))) return;
  await run(dependencies, rack, plan, resources);
}

async function confirm(rack: Rack, plan: UninstallPlan): Promise<boolean> {
  const title = `Convox: Uninstall ${rack.displayName}`;
  const items: PickItem<boolean>[] = [
    {
      label: `Deleted, one at a time (${plan.stacks.length} stack${plan.stacks.length === 1 ? '' : 's'})`,
      kind: vscode.QuickPickItemKind.Separator,
    },
    ...plan.stacks.map((stack) => ({
      label: `$(trash) ${stack.name}`,
      description:
        stack.name === rack.name
          ? 'the rack itself, last'
          : `${stack.tags.Type ?? 'stack'} ${stack.tags.Name ?? ''}`.trim(),
    })),
    { label: 'Kept', kind: vscode.QuickPickItemKind.Separator },
    ...plan.retained.map((line) => ({ label: `$(archive) ${line}` })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(warning) Uninstall ${rack.name}…`, description: 'you will type its name to confirm', value: true },
  ];
  const seen = await pick({
    title,
    step: 1,
    totalSteps: 2,
    placeholder: `Uninstalling ${rack.name} in ${rack.region} (${rack.profile}) deletes its apps and resources too`,
    items,
  });
  if (seen.kind !== 'value') return false;
  const typed = await vscode.window.showInputBox({
    title,
    prompt: `Type ${rack.name} to delete ${plan.stacks.map((stack) => stack.name).join(', ')}. This cannot be undone.`,
    placeHolder: rack.name,
    ignoreFocusOut: true,
    validateInput: (text) => (text === rack.name ? undefined : `Type the rack's name, ${rack.name}, exactly.`),
  });
  return typed === rack.name;
}

async function run(
  dependencies: UninstallDependencies,
  rack: Rack,
  plan: UninstallPlan,
  resources: Map<string, PlanResource[]>,
): Promise<void> {
  const { store, log, documents } = dependencies;
  log.info(
    `Uninstalling ${rack.displayName}: ${plan.stacks.map((stack) => stack.name).join(', ')}. Kept: ${plan.retained.join('; ')}.`,
  );
  const { value: result } = await followStack(
    store,
    log,
    { title: `Convox: uninstalling ${rack.name}`, row: rack.stackId },
    async (follow) => {
      try {
        return await runUninstall(
          { installer: store.installer, stacks: store.stacks },
          rack,
          plan,
          resources,
          { deadlineMs: store.requestDeadlineMs, pollMs: installPollMs },
          {
            step: (text, index, count) => {
              follow.step(text, index, count, 'uninstalling');
              log.info(`Uninstall ${rack.name}: ${text}`);
            },
            events: (stack, events) => follow.events(stack.name)(events),
            progress: (_stack, state) => follow.progress(state),
          },
        );
      } catch (error) {
        return { outcome: 'error' as const, error };
      }
    },
  );
  await store.refresh('manual').catch(() => undefined);
  if (result.outcome === 'succeeded') {
    log.info(`Uninstalled ${rack.displayName}.`);
    await dependencies.forgetRack(rack);
    await dependencies.forgetInCli(rack);
    const wasCurrent = dependencies.currentRack() === rack.stackId;
    if (wasCurrent) await dependencies.clearCurrent();
    void vscode.window.showInformationMessage(
      `Convox: ${rack.displayName} was uninstalled. Kept: ${plan.retained.join('; ')}.${wasCurrent ? ' It was the current rack: no rack is current now.' : ''}`,
    );
    return;
  }
  const retry = 'Retry';
  if (result.outcome === 'error') {
    const message = messageOf(result.error);
    log.error(`Uninstall of ${rack.displayName} stopped: ${message}`);
    if (
      (await vscode.window.showErrorMessage(
        `Convox: uninstalling ${rack.displayName} stopped: ${inertText(message)}`,
        retry,
      )) === retry
    )
      await uninstallRack(dependencies, rack);
    return;
  }
  if (result.outcome === 'failed') {
    const why = failureReason(result.rootCause);
    const done = result.deleted.length > 0 ? ` Deleted before it: ${result.deleted.join(', ')}.` : '';
    log.error(
      `Uninstall of ${rack.displayName} stopped: ${result.stack.name} could not be deleted. Root cause: ${why}`,
    );
    await showStackFailure(documents, {
      message: `Convox: uninstalling ${rack.displayName} stopped: ${result.stack.name} could not be deleted (DELETE_FAILED). ${inertText(why)}.${inertText(done)} Fix that, then Retry.`,
      stackName: result.stack.name,
      operation: 'delete',
      events: result.events,
      cause: result.rootCause,
      actions: [{ title: retry, run: () => uninstallRack(dependencies, rack) }],
    });
    return;
  }
  void vscode.window.showWarningMessage(
    `Convox: stopped following the uninstall of ${rack.displayName} at ${result.stack.name}; CloudFormation goes on, and the Racks view shows what is left.`,
  );
}
