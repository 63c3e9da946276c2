import * as vscode from 'vscode';
import type { TemplateParameter } from '../../model/install/parameters';
import { failureReason } from '../../model/install/follow';
import type { Release } from '../../model/install/releases';
import { mirrorHost, templateUrl } from '../../model/install/releases';
import type { Rack } from '../../model/rack';
import type { RackStore } from '../../model/store/rackStore';
import { withPasswordReadAgain } from '../../model/secrets/passwordReadAgain';
import { inertText } from '../../model/untrustedText';
import type { ChangePreviewer, RackApi, RackApiTarget, RackSystem } from '../../model/update/ports';
import { previewChange, previewTiming, type ChangePreview } from '../../model/update/previewChange';
import {
  acceptsChanges,
  changeRefusal,
  convergingWarning,
  systemUpdateForm,
  type RackChange,
} from '../../model/update/rackChange';
import { RackApiError, UntrustedCertificateError, type CertificateFacts } from '../../model/update/rackApiErrors';
import { reportFailure } from '../shared/failures';
import type { EventsDocuments } from '../shared/eventsDocuments';
import { installPollMs } from '../install/installPoll';
import { diagnoseAction, followStack, showStackFailure } from '../shared/followStack';
import { abortSignalOf } from '../shared/cancellation';
import { pollUntil } from '../../model/pollUntil';
import type { RackPasswords } from '../terminal/rackPasswords';
import type { PreviewDocuments } from './previewDocuments';
import type { TrustedCertificates } from './trustedCertificates';

export type ChangeCommand = 'update' | 'parameters' | 'scale';

export interface RackChangeDependencies {
  store: RackStore;
  passwords: RackPasswords;
  pins: TrustedCertificates;
  previewer: ChangePreviewer;
  rackApi: RackApi;
  previews: PreviewDocuments;
  events: EventsDocuments;
  releasesUrl: () => string;
  log: vscode.LogOutputChannel;
  /** The inputs of each command: the change asked for, or undefined when the person stopped. */
  inputs: {
    release(rack: Rack, releases: Promise<Release[]>): Promise<RackChange | undefined>;
    parameter(rack: Rack, template: readonly TemplateParameter[]): Promise<RackChange | undefined>;
    scale(rack: Rack, template: readonly TemplateParameter[]): Promise<RackChange | undefined>;
  };
}

/** An update watch gives up after this long (the stack goes on; the Racks view shows it). */
const updateWatchMs = 2 * 60 * 60_000;
/** How long "try again when it is running" waits, looking every so often. */
const waitForRunningMs = 30 * 60_000;
const waitPollMs = 15_000;

/** CloudFormation's refusal to update a stack that is changing, as the rack API passes it on. */
const busyStack = /is in [A-Z_]+_IN_PROGRESS state and can not be updated/;

/** One line for the log: fingerprint, subject and validity of a certificate. */
function certificateLine(certificate: CertificateFacts): string {
  return `SHA-256 ${certificate.fingerprint} (${inertText(certificate.subject || 'no subject')}, valid ${certificate.validFrom || '?'} to ${certificate.validTo || '?'})`;
}

/** A certificate as a modal's detail shows it. */
function certificateDetail(label: string, certificate: CertificateFacts): string {
  return [
    `${label}: SHA-256 ${certificate.fingerprint}`,
    `  Subject: ${inertText(certificate.subject || '(not known)', 200)}`,
    `  Valid from ${certificate.validFrom || '(not known)'} to ${certificate.validTo || '(not known)'}`,
  ].join('\n');
}

function fingerprintCommand(host: string): string {
  return `openssl s_client -connect ${host} | openssl x509 -noout -fingerprint -sha256`;
}

const commandTitles: Record<ChangeCommand, string> = {
  update: 'Update Rack',
  parameters: 'Set Rack Parameters',
  scale: 'Scale Rack',
};

/**
 * Update Rack, Set Rack Parameters and Scale Rack: checks the rack can change now, asks what to change, previews it
 * with a change set, and after the person confirms sends it to the rack API (`PUT /system`, as the CLI does), then
 * follows the stack to its end as install does: percent, latest event, and on rollback the root cause.
 */
export class RackChanges {
  constructor(private readonly dependencies: RackChangeDependencies) {}

  async run(command: ChangeCommand, rack: Rack): Promise<void> {
    try {
      await this.change(command, rack);
    } catch (error) {
      await reportFailure(this.dependencies.log, `${commandTitles[command]} stopped`, error);
    }
  }

  private async change(command: ChangeCommand, rack: Rack): Promise<void> {
    const { store, log } = this.dependencies;
    if (this.refusedNotRunning(command, rack)) return;
    if (!(await this.convergingAccepted(command, rack))) return;
    const deadlineMs = store.requestDeadlineMs;
    // The rack API first: its certificate and the password are settled before anything is asked.
    const reached = await this.apiTarget(rack);
    if (!reached) return;
    const { target: api, system } = reached;
    if (!acceptsChanges(system.status)) {
      this.refuse(
        command,
        rack,
        `${rack.displayName} says it is ${inertText(system.status, 40)}. A rack is changed only while it is running (or converging).`,
      );
      return;
    }
    const currentTemplateUrl = templateUrl(this.dependencies.releasesUrl(), rack.version ?? system.version);
    // Read while the person chooses. An update only shows it (the new release's template is read for the preview),
    // so a rack on a release no longer published can still be updated.
    const read = store.releases.templateParameters(rack, currentTemplateUrl, deadlineMs);
    const template = command === 'update' ? read.catch(() => []) : read;
    void template.catch(() => undefined);
    const change =
      command === 'update'
        ? await this.dependencies.inputs.release(
            rack,
            store.releases.releases(this.dependencies.releasesUrl(), deadlineMs),
          )
        : command === 'parameters'
          ? await this.dependencies.inputs.parameter(rack, await template)
          : await this.dependencies.inputs.scale(rack, await template);
    if (!change) return;
    const preview = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Convox: previewing the change of ${rack.displayName} (a CloudFormation change set, deleted afterwards)…`,
      },
      async () =>
        previewChange(
          {
            releases: store.releases,
            previewer: this.dependencies.previewer,
            releasesUrl: this.dependencies.releasesUrl(),
            timing: previewTiming,
          },
          rack,
          change,
          await template,
        ),
    );
    log.info(`${rack.displayName}: preview of "${preview.title}": ${preview.rows.length} resource change(s).`);
    await this.dependencies.previews.show(rack.displayName, preview.document);
    if (preview.preview.noChanges) {
      void vscode.window.showInformationMessage(
        `Convox: CloudFormation would change nothing on ${rack.displayName} ("${inertText(preview.title)}"): the values are already in place. Nothing was sent.`,
      );
      return;
    }
    if (!(await this.confirmed(rack, preview))) {
      log.info(`${rack.displayName}: "${preview.title}" not applied.`);
      return;
    }
    await this.apply(command, rack, api, change, preview);
  }

  /** Refuses a rack that is not running, with "Try Again When Running" (which waits for it, then runs the command again). */
  private refusedNotRunning(command: ChangeCommand, rack: Rack): boolean {
    const reason = changeRefusal(rack);
    if (reason) this.refuse(command, rack, reason);
    return reason !== undefined;
  }

  /** A converging rack is changed only after a warning naming its servers not in service, and the person's go-ahead. */
  private async convergingAccepted(command: ChangeCommand, rack: Rack): Promise<boolean> {
    const warning = convergingWarning(rack, this.dependencies.store.serversNotInService(rack));
    if (!warning) return true;
    this.dependencies.log.info(`${commandTitles[command]}: ${warning}`);
    const go = 'Continue';
    const choice = await vscode.window.showWarningMessage(
      `Convox: ${inertText(warning)}`,
      {
        modal: true,
        detail: `${commandTitles[command]} goes on through the rack API as the convox CLI would; the Racks view shows the servers settle.`,
      },
      go,
    );
    return choice === go;
  }

  private refuse(command: ChangeCommand, rack: Rack, reason: string): void {
    const again = 'Try Again When Running';
    this.dependencies.log.info(`${commandTitles[command]} refused: ${reason}`);
    void vscode.window.showWarningMessage(`Convox: ${inertText(reason)}`, again).then((choice) => {
      if (choice === again) void this.whenRunning(command, rack);
    });
  }

  private async whenRunning(command: ChangeCommand, rack: Rack): Promise<void> {
    const { store } = this.dependencies;
    const running = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Convox: waiting for ${rack.displayName} to be running…`,
        cancellable: true,
      },
      async (_progress, token) => {
        const polled = await pollUntil(
          async () => {
            await store.refresh('manual').catch(() => undefined);
            return store.byId(rack.stackId);
          },
          (now): now is Rack => now !== undefined && changeRefusal(now) === undefined,
          { everyMs: waitPollMs, withinMs: waitForRunningMs, signal: abortSignalOf(token) },
        );
        return polled.ready ? polled.value : undefined;
      },
    );
    if (running) await this.run(command, running);
  }

  /** The rack API's address and password, with the person's pin if any; undefined (and said why) when there is none. */
  private async apiTarget(rack: Rack): Promise<{ target: RackApiTarget; system: RackSystem } | undefined> {
    if (!rack.apiHost) {
      void vscode.window.showErrorMessage(
        `Convox: ${rack.displayName} has no usable Dashboard output (a host or host:port), so its API cannot be reached.`,
      );
      return undefined;
    }
    const password = await this.dependencies.passwords.password(rack);
    if (password === undefined) {
      void vscode.window.showErrorMessage(
        `Convox: the API password of ${rack.displayName} could not be read (neither ssm:GetParameter on ${rack.name}RackApiSecret nor the convox CLI's auth file; the log says why). Changing a rack goes through its API, which needs it.`,
      );
      return undefined;
    }
    const { passwords, pins, log, store, rackApi } = this.dependencies;
    const host = rack.apiHost;
    const connect = async (password: string, pinnedFingerprint = pins.fingerprint(rack)) => {
      const target: RackApiTarget = { host, password, pinnedFingerprint };
      return { target, system: await rackApi.system(target, store.requestDeadlineMs) };
    };
    const kept = { read: () => passwords.password(rack), forget: () => passwords.forget(rack) };
    const unauthorized = (error: unknown): boolean => error instanceof RackApiError && error.status === 401;
    try {
      return await withPasswordReadAgain(
        kept,
        password,
        (current) => {
          if (current !== password)
            log.info(
              `${rack.displayName}: the rack API refused the password it was read as; it was read again and differs, trying once more.`,
            );
          return connect(current);
        },
        unauthorized,
      );
    } catch (error) {
      if (unauthorized(error))
        throw new RackApiError(
          401,
          `The rack API of ${rack.displayName} refused its password (HTTP 401), also after reading it again. Check ${rack.name}RackApiSecret in SSM, or the convox CLI's auth entry for ${host}.`,
        );
      if (!(error instanceof UntrustedCertificateError)) throw error;
      // Not trusted: the person was told nothing was sent; the command ends there.
      if (!(await this.trusted(rack, error))) return undefined;
      return connect(password, error.fingerprint);
    }
  }

  /**
   * Asks whether to trust the certificate the rack API presented, and pins it if so. A certificate other than the
   * pinned one is a step of its own, Replace Pinned Certificate, showing both.
   */
  private async trusted(rack: Rack, error: UntrustedCertificateError): Promise<boolean> {
    return error.pinMismatch ? this.replacedPin(rack, error) : this.trustedFirst(rack, error);
  }

  private async trustedFirst(rack: Rack, error: UntrustedCertificateError): Promise<boolean> {
    const trust = 'Trust This Certificate';
    this.dependencies.log.warn(`${error.message} Presented: ${certificateLine(error.certificate)}.`);
    const choice = await vscode.window.showWarningMessage(
      `Convox: ${inertText(error.message)}`,
      {
        modal: true,
        detail: `${certificateDetail('Presented', error.certificate)}\n\nCompare the fingerprint with the one your rack's administrator gives you (${fingerprintCommand(error.host)}). Once trusted, ${rack.displayName}'s API is reached only while it presents this certificate; Convox: Manage Trusted Rack Certificates removes it.`,
      },
      trust,
    );
    if (choice !== trust) return false;
    await this.dependencies.pins.trust(rack, error.certificate);
    this.dependencies.log.info(`${rack.displayName}: certificate ${error.fingerprint} of ${error.host} trusted.`);
    return true;
  }

  private async replacedPin(rack: Rack, error: UntrustedCertificateError): Promise<boolean> {
    const replace = 'Replace Pinned Certificate';
    const pinned = this.dependencies.pins.pinned(rack);
    const pinnedFacts = {
      fingerprint: pinned?.fingerprint ?? '(unknown)',
      subject: pinned?.subject ?? '',
      validFrom: pinned?.validFrom ?? '',
      validTo: pinned?.validTo ?? '',
    };
    this.dependencies.log.warn(
      `${rack.displayName}: the rack API at ${error.host} presented another certificate than the pinned one; nothing was sent. Pinned: ${certificateLine(pinnedFacts)}. Presented: ${certificateLine(error.certificate)}.`,
    );
    const choice = await vscode.window.showWarningMessage(
      `Convox: Replace Pinned Certificate of ${rack.displayName}? Its API at ${error.host} presented a different certificate from the one you trusted. Nothing was sent.`,
      {
        modal: true,
        detail: [
          certificateDetail('Pinned', pinnedFacts),
          '',
          certificateDetail('Presented now', error.certificate),
          '',
          `Replace the pin only if you know the rack's certificate changed (a new certificate on its load balancer) and the new fingerprint is the one your rack's administrator gives you (${fingerprintCommand(error.host)}). Otherwise something may stand between you and the rack.`,
        ].join('\n'),
      },
      replace,
    );
    if (choice !== replace) {
      this.dependencies.log.info(`${rack.displayName}: the pinned certificate of ${error.host} was kept.`);
      return false;
    }
    await this.dependencies.pins.trust(rack, error.certificate);
    this.dependencies.log.info(
      `${rack.displayName}: the pinned certificate of ${error.host} was replaced: ${pinnedFacts.fingerprint} → ${error.fingerprint}.`,
    );
    return true;
  }

  private async confirmed(rack: Rack, preview: ChangePreview): Promise<boolean> {
    const apply = 'Apply';
    const replaced = preview.rows.filter((row) => row.highlighted).map((row) => row.logicalId);
    const mirror = mirrorHost(this.dependencies.releasesUrl());
    const choice = await vscode.window.showWarningMessage(
      `Apply "${inertText(preview.title)}" to ${rack.displayName}?`,
      {
        modal: true,
        detail: `${preview.rows.length} resource change(s), as the preview shows.${replaced.length > 0 ? ` May be replaced (deleted and created anew): ${inertText(replaced.join(', '))}.` : ''} The rack updates its own stack through its API${mirror ? `, with Convox's published template (the preview read ${mirror}'s)` : ''}.`,
      },
      apply,
    );
    return choice === apply;
  }

  private async apply(
    command: ChangeCommand,
    rack: Rack,
    api: RackApiTarget,
    change: RackChange,
    preview: ChangePreview,
  ): Promise<void> {
    const { store, log, events, rackApi } = this.dependencies;
    const where = { profile: rack.profile, region: rack.region, name: rack.name };
    const before = await store.stacks.newEvents(where, rack.stackId, undefined, store.requestDeadlineMs, 1);
    try {
      await rackApi.update(api, systemUpdateForm(rack, change), store.requestDeadlineMs);
    } catch (error) {
      // The rack began changing since it was read (its autoscaler, another person): refused as a busy rack is.
      if (!(error instanceof RackApiError && busyStack.test(error.message))) throw error;
      this.refuse(
        command,
        rack,
        `${rack.displayName} began changing meanwhile, so the rack refused the change: ${error.message}`,
      );
      return;
    }
    log.info(`${rack.displayName}: "${preview.title}" sent to the rack API.`);
    store.requestRefresh('manual');
    const { value: result } = await followStack(
      store,
      log,
      { title: `Convox: ${rack.displayName}: ${inertText(preview.title)}`, cancellable: true, row: rack.stackId },
      (follow, signal) => {
        follow.message('waiting for CloudFormation…');
        return follow.watch(store.stacks, {
          target: where,
          stackId: rack.stackId,
          operation: 'update',
          total: Math.max(1, preview.rows.length),
          timing: { deadlineMs: store.requestDeadlineMs, pollMs: installPollMs },
          lastSeenId: before.events[0]?.id,
          maxMs: updateWatchMs,
          signal,
        });
      },
    );
    await store.refresh('manual').catch(() => undefined);
    if (result.outcome === 'succeeded') {
      void vscode.window.showInformationMessage(
        `Convox: ${rack.displayName}: ${inertText(preview.title)} done (UPDATE_COMPLETE).`,
      );
      return;
    }
    if (result.outcome !== 'failed') {
      void vscode.window.showWarningMessage(
        `Convox: stopped following ${rack.displayName}; CloudFormation goes on and the Racks view shows its state.`,
      );
      return;
    }
    const why = failureReason(result.rootCause);
    log.error(`${rack.displayName}: "${preview.title}" failed and was rolled back. Root cause: ${why}`);
    await showStackFailure(events, {
      message: `Convox: ${inertText(preview.title)} of ${rack.displayName} failed and was rolled back (${result.progress.stackStatus ?? 'rolling back'}). ${inertText(why)}.`,
      stackName: rack.name,
      operation: 'update',
      events: result.events,
      cause: result.rootCause,
      actions: [diagnoseAction(rack.stackId)],
    });
  }
}
