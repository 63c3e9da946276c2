// The extension under test as the host tests reach it: found by its folder (the development path), activated
// through VS Code, its exported API returned and its activation time recorded for the report.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConvoxApi } from '../../src/extension';
import { recordMetric } from './metrics';

/** out/test/host/ → the project root, which VS Code was given as extensionDevelopmentPath. */
const extensionPath = path.resolve(__dirname, '..', '..', '..');

export function convoxExtension(): vscode.Extension<ConvoxApi> {
  const extension = vscode.extensions.all.find((candidate) => candidate.extensionPath === extensionPath);
  if (!extension) throw new Error(`no extension loaded from ${extensionPath}`);
  return extension as vscode.Extension<ConvoxApi>;
}

/** Activates the extension (if nothing did yet) and records `activationMs` and, on a first activation, the time including loading the bundle. */
export async function activateConvox(): Promise<ConvoxApi> {
  const extension = convoxExtension();
  const wasActive = extension.isActive;
  const started = performance.now();
  const api = await extension.activate();
  if (!wasActive) recordMetric('loadAndActivateMs', performance.now() - started);
  recordMetric('activationMs', api.activationMs);
  return api;
}

/** The command ids the extension's package.json contributes. */
export function contributedCommands(): string[] {
  const manifest: unknown = convoxExtension().packageJSON;
  const commands = (manifest as { contributes?: { commands?: unknown } }).contributes?.commands;
  if (!Array.isArray(commands)) return [];
  return commands
    .map((entry: unknown) => (entry as { command?: unknown }).command)
    .filter((id): id is string => typeof id === 'string');
}
