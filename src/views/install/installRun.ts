import * as vscode from 'vscode';
import { ChangeSetFailedError, NameTakenError } from '../../model/install/errors';
import { failureReason } from '../../model/install/follow';
import { generatePassword } from '../../model/install/password';
import type { WatchResult } from '../../model/install/watch';
import { installFailedNotice } from '../../model/notices';
import type { Rack } from '../../model/rack';
import type { InstallTarget, Timing } from '../../model/store/ports';
import type { RackStore } from '../../model/store/rackStore';
import { inertText } from '../../model/untrustedText';
import type { EventsDocuments } from '../shared/eventsDocuments';
import type { InstallChoices } from './installWizard';
import type { InstallRecord, InstallRecords } from './installRecords';
import { installPollMs } from './installPoll';
import { messageOf } from '../../model/errorMessage';
import { diagnoseAction, followStack, showStackFailure, type Followed } from '../shared/followStack';
import { abortSignalOf } from '../shared/cancellation';
import { pollUntil } from '../../model/pollUntil';

/** A rack install takes 10–30 minutes; past this the watch stops (the stack goes on, the tree still shows it). */
const installWatchMs = 2 * 60 * 60_000;
/** The CLI waits up to 20 minutes for a new rack's API to answer. */
const apiWaitMs = 20 * 60_000;
const apiPollMs = 10_000;

export interface InstallDependencies {
  store: RackStore;
  records: InstallRecords;
  documents: EventsDocuments;
  log: vscode.LogOutputChannel;
  /** Makes the rack current, as Switch Rack does. */
  switchTo(rack: Rack): Promise<void>;
  /** Records the new rack in the convox CLI's files, as `convox rack install` does (when CLI sync is on). */
  recordInCli(rack: Rack): Promise<void>;
}

const keyOf = (target: InstallTarget): string => `${target.profile}\u0000${target.region}\u0000${target.name}`;

/** Installs under way in this window, so that a second one of the same rack is refused. */
export class Installs {
  private readonly running = new Map<string, number>();

  constructor(private readonly dependencies: InstallDependencies) {}

  busy(profile: string, region: string, name: string): string | undefined {
    const started =
      this.running.get(keyOf({ profile, region, name })) ??
      this.dependencies.records.all().find((record) => keyOf(record) === keyOf({ profile, region, name }))?.startedAt;
    return started === undefined
      ? undefined
      : `${name} is already being installed in ${region} (started ${new Date(started).toLocaleTimeString()}).`;
  }

  private timing(): Timing {
    return { deadlineMs: this.dependencies.store.requestDeadlineMs, pollMs: installPollMs };
  }

  /** Creates the rack from the wizard's choices and follows it to the end, with progress. */
  async install(choices: InstallChoices): Promise<void> {
    const target: InstallTarget = { profile: choices.profile, region: choices.region, name: choices.name };
    const busy = this.busy(target.profile, target.region, target.name);
    if (busy) {
      void vscode.window.showErrorMessage(`Convox: ${busy} Wait for it to end.`);
      return;
    }
    const { store, log, records } = this.dependencies;
    this.running.set(keyOf(target), Date.now());
    try {
      const started = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Convox: installing ${target.name}`,
          cancellable: false,
        },
        async (progress) => {
          progress.report({ message: 'preparing the change set…' });
          const shown = Object.fromEntries(
            Object.entries(choices.parameters).map(([key, value]) => [
              key,
              choices.secret.includes(key) ? '(hidden)' : value,
            ]),
          );
          log.info(
            `Installing ${target.name} in ${target.region} (${target.profile}), release ${choices.version}, options ${JSON.stringify(shown)}, tags ${JSON.stringify(choices.tags)}.`,
          );
          // The password exists only here and in the request; it is not logged, stored or shown.
          const parameters = { ...choices.parameters, Password: generatePassword(), Version: choices.version };
          return store.installer.create(
            { ...target, templateUrl: choices.templateUrl, parameters, tags: choices.tags },
            { ...this.timing(), deadlineMs: 10 * 60_000 },
          );
        },
      );
      const record: InstallRecord = {
        ...target,
        stackId: started.stackId,
        total: started.total,
        startedAt: Date.now(),
      };
      await records.add(record);
      log.info(`${target.name}: change set executed; ${started.total} resources to create.`);
      store.requestRefresh('manual');
      await this.follow(record, false);
    } catch (error) {
      await this.reportStartFailure(target, error);
    } finally {
      this.running.delete(keyOf(target));
    }
  }

  /** After a window reload: follows every install this extension started that is still recorded. */
  async resume(): Promise<void> {
    const records = this.dependencies.records.all();
    if (records.length === 0) return;
    // The profiles must be read before any call names one.
    await this.dependencies.store.profiles();
    for (const record of records) {
      if (this.running.has(keyOf(record))) continue;
      this.running.set(keyOf(record), record.startedAt);
      void this.follow(record, true).finally(() => this.running.delete(keyOf(record)));
    }
  }

  private async reportStartFailure(target: InstallTarget, error: unknown): Promise<void> {
    const whole = messageOf(error);
    this.dependencies.log.error(`Installing ${target.name} failed before it started: ${whole}`);
    const message = inertText(whole);
    if (error instanceof NameTakenError || (error instanceof ChangeSetFailedError && error.cleaned)) {
      void vscode.window.showErrorMessage(`Convox: ${message}`);
      return;
    }
    if (error instanceof ChangeSetFailedError) {
      const remove = 'Delete Failed Rack';
      if ((await vscode.window.showErrorMessage(`Convox: ${message}`, remove)) === remove)
        await this.deleteFailed(target, undefined);
      return;
    }
    // Whatever got made is named, with a way to remove it.
    const left = await this.dependencies.store.installer
      .checkName(target, this.dependencies.store.requestDeadlineMs)
      .catch(() => undefined);
    if (left?.kind === 'leftover') {
      const remove = 'Delete Failed Rack';
      const choice = await vscode.window.showErrorMessage(
        `Convox: could not start installing ${target.name}: ${message} Its stack is left (${left.status}) and blocks the name.`,
        remove,
      );
      if (choice === remove) await this.deleteFailed(target, left.stackId);
      return;
    }
    const exists =
      left?.kind === 'taken'
        ? ` A stack ${target.name} exists (${left.status}): the Racks view shows it, and Uninstall Rack removes it.`
        : ' Nothing was created.';
    void vscode.window.showErrorMessage(`Convox: could not start installing ${target.name}: ${message}${exists}`);
  }

  /** Shows progress until the stack is created or fails; Cancel offers to delete the partial rack or keep going. */
  private async follow(record: InstallRecord, resumed: boolean): Promise<void> {
    const { value: result, cancelled } = await this.followCreation(
      record,
      `Convox: ${resumed ? 'still installing' : 'installing'} ${record.name}`,
    );
    if (cancelled) return this.cancelled(record);
    await this.finish(record, result);
  }

  private async cancelled(record: InstallRecord): Promise<void> {
    const remove = 'Stop and Delete the Partial Rack';
    const keep = 'Keep Installing in the Background';
    const choice = await vscode.window.showWarningMessage(
      `Convox: ${record.name} is partly created in ${record.region}. Stop and delete what exists, or let CloudFormation finish (the Racks view shows it as creating)?`,
      { modal: true },
      remove,
      keep,
    );
    if (choice === remove) return this.deleteFailed(record, record.stackId);
    this.dependencies.log.info(`${record.name}: install continues in the background.`);
    void this.background(record);
  }

  /** Follows without a notification; says how it ended. */
  private async background(record: InstallRecord): Promise<void> {
    const { value: result } = await this.followCreation(record, undefined);
    await this.finish(record, result);
  }

  /**
   * Following a rack's creation, every event to the log and its percentage on the rack's row (listed by a refresh
   * now, as `creating`); in a notification titled `title`, or without one.
   */
  private followCreation(record: InstallRecord, title: string | undefined): Promise<Followed<WatchResult>> {
    const { store, log } = this.dependencies;
    store.requestRefresh('manual');
    return followStack(
      store,
      log,
      { title, cancellable: true, row: record.stackId, startedAt: record.startedAt },
      (follow, signal) => {
        follow.message('waiting for CloudFormation…');
        return follow.watch(store.stacks, {
          target: record,
          stackId: record.stackId,
          operation: 'create',
          total: record.total,
          timing: this.timing(),
          maxMs: installWatchMs,
          signal,
        });
      },
    );
  }

  private async finish(record: InstallRecord, result: WatchResult): Promise<void> {
    const { store, log, records, documents } = this.dependencies;
    store.requestRefresh('manual');
    if (result.outcome === 'timedOut' || result.outcome === 'stopped') {
      void vscode.window.showWarningMessage(
        `Convox: stopped following ${record.name} after ${Math.round(installWatchMs / 60_000)} minutes; CloudFormation goes on and the Racks view shows its state.`,
      );
      return;
    }
    await records.remove(record.stackId);
    if (result.outcome === 'failed') {
      const why = failureReason(result.rootCause);
      log.error(`${record.name}: install failed. Root cause: ${why}`);
      await showStackFailure(documents, {
        message: installFailedNotice(record.name, why, result.progress.stackStatus),
        stackName: record.name,
        operation: 'install',
        events: result.events,
        cause: result.rootCause,
        actions: [
          diagnoseAction(record.stackId),
          { title: 'Delete Failed Rack', run: () => this.deleteFailed(record, record.stackId) },
        ],
      });
      return;
    }
    log.info(`${record.name}: CREATE_COMPLETE.`);
    await store.refresh('manual').catch(() => undefined);
    const rack = store.racks().find((candidate) => candidate.stackId === record.stackId);
    await this.waitForApi(record, rack);
  }

  /** Waits, visibly and within a limit, until the rack API answers HTTPS, then offers to switch to the rack. */
  private async waitForApi(record: InstallRecord, rack: Rack | undefined): Promise<void> {
    const { store, switchTo } = this.dependencies;
    const host = rack?.apiHost;
    const answered = host
      ? await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Convox: ${record.name} is starting`,
            cancellable: true,
          },
          async (progress, token) => {
            progress.report({ message: `waiting for its API at ${inertText(host)} to answer…` });
            const polled = await pollUntil(
              () => store.installer.apiAnswers(host, Math.min(apiPollMs, store.requestDeadlineMs)),
              (answers) => answers,
              { everyMs: apiPollMs, withinMs: apiWaitMs, signal: abortSignalOf(token) },
            );
            return polled.ready;
          },
        )
      : false;
    const switchAction = 'Switch to It';
    const message = answered
      ? `Convox: ${record.name} is installed and its API answers.`
      : `Convox: ${record.name} is installed (running) but its API${host ? ` at ${inertText(host)}` : ''} did not answer yet; it may need a few more minutes.`;
    if (rack) await this.dependencies.recordInCli(rack);
    const choice = await vscode.window.showInformationMessage(message, ...(rack ? [switchAction] : []));
    if (choice === switchAction && rack) await switchTo(rack);
  }

  /** Deletes what a failed or cancelled install left, with progress; says what is left if that fails too. */
  async deleteFailed(target: InstallTarget, stackId: string | undefined): Promise<void> {
    const { store, log, documents, records } = this.dependencies;
    const id =
      stackId ??
      (await store.installer
        .checkName(target, store.requestDeadlineMs)
        .then((found) => (found.kind === 'leftover' ? found.stackId : undefined)));
    if (!id) {
      void vscode.window.showInformationMessage(`Convox: no stack named ${target.name} is left in ${target.region}.`);
      return;
    }
    const { value: result } = await followStack(
      store,
      log,
      { title: `Convox: deleting ${target.name}` },
      async (follow) => {
        // A failed install may still be rolling back; its stack can be deleted once that ends (or is tried then).
        await pollUntil(
          async () => {
            const status = await store.stacks.stackStatus(target, id, store.requestDeadlineMs);
            if (status !== undefined) store.learnStackStatus(id, status);
            return status;
          },
          (status) => {
            const rollingBack = status === 'ROLLBACK_IN_PROGRESS';
            if (rollingBack) follow.message('waiting for the rollback to end…');
            return !rollingBack;
          },
          { everyMs: installPollMs, withinMs: installWatchMs },
        );
        const newest = await store.stacks.newEvents(target, id, undefined, store.requestDeadlineMs, 1);
        await store.stacks.deleteStack(target, id, store.requestDeadlineMs);
        return follow.watch(
          store.stacks,
          {
            target,
            stackId: id,
            operation: 'delete',
            total: 0,
            timing: this.timing(),
            lastSeenId: newest.events[0]?.id,
            maxMs: installWatchMs,
          },
          // How many resources are left is not known here, so no percentage.
          'deletion',
        );
      },
    );
    await records.remove(id);
    await store.refresh('manual').catch(() => undefined);
    if (result.outcome === 'succeeded') {
      void vscode.window.showInformationMessage(
        `Convox: ${target.name} was deleted; the name is free. Its retained buckets (Settings, Logs, ELBLogs) stay, if they were created.`,
      );
      return;
    }
    await showStackFailure(documents, {
      message: `Convox: deleting ${target.name} failed: ${inertText(failureReason(result.rootCause))}. The stack is left (DELETE_FAILED).`,
      stackName: target.name,
      operation: 'delete',
      events: result.events,
      cause: result.rootCause,
    });
  }
}
