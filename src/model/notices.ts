/**
 * Notifications and prompts that carry text from AWS, a rack or a template: composed here, with that text made
 * inert (see untrustedText.ts), so that tests check exactly what the views hand to VS Code.
 */
import type { TemplateParameter } from './install/parameters';
import { inertText } from './untrustedText';

/** A failed action (`what` went wrong: `message`), as reportFailure shows it. */
export function failureNotice(what: string, message: string): string {
  return `Convox: ${inertText(what)}: ${inertText(message)}`;
}

/** An install that failed and rolled back, with CloudFormation's root cause (`why`). */
export function installFailedNotice(name: string, why: string, stackStatus: string | undefined): string {
  return `Convox: installing ${name} failed. ${inertText(why)}. The stack ${name} is left (${stackStatus ?? 'rolling back'}) and blocks the name until deleted.`;
}

/** The prompt of one install option: the template's description and default. */
export function optionPrompt(
  parameter: Pick<TemplateParameter, 'key' | 'description' | 'defaultValue' | 'noEcho'>,
): string {
  const shownDefault =
    parameter.defaultValue !== undefined && !parameter.noEcho
      ? ` (default: ${parameter.defaultValue === '' ? 'empty' : parameter.defaultValue})`
      : '';
  return inertText(`${parameter.description ?? parameter.key}${shownDefault}`);
}
