import type { AwsCredentialIdentity } from '@smithy/types';
import { HelperProcessError, runHelper, type HelperFailure, type ProcessLimiter } from '../helperProcess/runner';
import { minimumHelperTimeoutMs } from '../model/helperTimeout';

/** Bytes of stdout accepted; credential JSON is a few hundred, so more means the process is not one. */
const maxOutputBytes = 1024 * 1024;

/** Why a credential_process gave no credentials. */
export type CredentialProcessReason = 'timeout' | 'exit' | 'signal' | 'spawn' | 'output';

/** What is wrong with a credential_process's output, each with fixed words that quote none of it. */
const outputProblems = {
  tooLarge: `printed more than ${maxOutputBytes / (1024 * 1024)} MB`,
  notJson: 'printed something other than the JSON the AWS CLI expects (Version 1 with AccessKeyId and SecretAccessKey)',
  wrongVersion: 'printed JSON whose Version is not 1, the only version the AWS CLI knows',
  noAccessKeyId: 'printed JSON without an AccessKeyId string',
  noSecretAccessKey: 'printed JSON without a SecretAccessKey string',
  badSessionToken: 'printed a SessionToken that is not a string',
  badExpiration: 'printed an Expiration that is not an ISO 8601 date',
  expired: 'printed credentials whose Expiration has already passed',
} as const;

export type CredentialProcessOutputProblem = keyof typeof outputProblems;

/** The failure as typed values, so no text from the command or its output can reach the message. */
export type CredentialProcessFailure =
  Exclude<HelperFailure, { reason: 'tooLarge' }> | { reason: 'output'; problem: CredentialProcessOutputProblem };

const nextStep = 'Run the command in a terminal to see its output, fix it, then refresh.';

function messageFor(profile: string, failure: CredentialProcessFailure): string {
  const subject = `The credential_process of profile "${profile}"`;
  switch (failure.reason) {
    case 'timeout':
      return `${subject} did not finish within ${failure.timeoutMs / 1000} s and was stopped. ${nextStep}`;
    case 'exit':
      return `${subject} exited with status ${failure.exitCode}. ${nextStep}`;
    case 'signal':
      return `${subject} was ended by signal ${failure.signal}. ${nextStep}`;
    case 'spawn':
      return `${subject} could not be started${failure.code ? ` (${failure.code})` : ''}. Check that the shell can run it, then refresh.`;
    case 'output':
      return `${subject} ${outputProblems[failure.problem]}. ${nextStep}`;
  }
}

/** A credential_process failure whose message names the profile and what went wrong, never the command or its output. */
export class CredentialProcessError extends Error {
  override readonly name = 'CredentialProcessError';
  readonly reason: CredentialProcessReason;
  readonly exitCode?: number;
  readonly signal?: string;

  constructor(
    readonly profile: string,
    failure: CredentialProcessFailure,
  ) {
    super(messageFor(profile, failure));
    this.reason = failure.reason;
    if (failure.reason === 'exit') this.exitCode = failure.exitCode;
    if (failure.reason === 'signal') this.signal = failure.signal;
  }
}

function failureOf(error: unknown): CredentialProcessFailure {
  if (!(error instanceof HelperProcessError)) return { reason: 'spawn' };
  const failure = error.failure;
  return failure.reason === 'tooLarge' ? { reason: 'output', problem: 'tooLarge' } : failure;
}

function parseCredentials(profile: string, output: string): AwsCredentialIdentity {
  const problem = (kind: CredentialProcessOutputProblem): CredentialProcessError =>
    new CredentialProcessError(profile, { reason: 'output', problem: kind });
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw problem('notJson');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw problem('notJson');
  const fields = parsed as Record<string, unknown>;
  if (fields.Version !== 1) throw problem('wrongVersion');
  const {
    AccessKeyId: accessKeyId,
    SecretAccessKey: secretAccessKey,
    SessionToken: sessionToken,
    Expiration: expiration,
  } = fields;
  if (typeof accessKeyId !== 'string' || accessKeyId === '') throw problem('noAccessKeyId');
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') throw problem('noSecretAccessKey');
  // The AWS CLI reads a null SessionToken or Expiration as absent, so tools written against it may print one.
  if (sessionToken !== undefined && sessionToken !== null && typeof sessionToken !== 'string')
    throw problem('badSessionToken');
  let expires: Date | undefined;
  if (expiration !== undefined && expiration !== null) {
    expires = typeof expiration === 'string' ? new Date(expiration) : undefined;
    if (!expires || Number.isNaN(expires.getTime())) throw problem('badExpiration');
    if (expires.getTime() <= Date.now()) throw problem('expired');
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(typeof sessionToken === 'string' ? { sessionToken } : {}),
    ...(expires ? { expiration: expires } : {}),
  };
}

export interface CredentialProcessOptions {
  /** Milliseconds the process may run, counted from its start, before its whole process group is killed; 30 s by default. */
  timeoutMs?: number;
  /** Overrides the limiter shared by every helper process. */
  limiter?: ProcessLimiter;
}

/**
 * A credential provider that runs a profile's credential_process as the AWS CLI does, but always ends: it is
 * killed with everything it started after the timeout, a second call while it runs waits for the same run, and
 * failures never quote the command or its output.
 */
export function fromCredentialProcess(
  profile: string,
  command: string,
  options: CredentialProcessOptions = {},
): () => Promise<AwsCredentialIdentity> {
  const timeoutMs = options.timeoutMs ?? minimumHelperTimeoutMs;
  return async () => {
    let output: string;
    try {
      output = await runHelper(
        `credential_process\u0000${profile}\u0000${command}`,
        { shell: command },
        { timeoutMs, maxOutputBytes },
        options.limiter,
      );
    } catch (error) {
      throw new CredentialProcessError(profile, failureOf(error));
    }
    return parseCredentials(profile, output);
  };
}
