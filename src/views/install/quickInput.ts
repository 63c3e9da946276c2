import * as vscode from 'vscode';
import { inertText } from '../../model/untrustedText';
import { messageOf } from '../../model/errorMessage';

/** What a step of the wizard ended with: a value, Back, or the person closed it. */
export type StepResult<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

export interface StepPlace {
  title: string;
  step: number;
  totalSteps: number;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value?: T;
}

export interface PickStep<T> extends StepPlace {
  placeholder: string;
  /** The items, or a promise of them (the pick shows busy until they arrive). */
  items: PickItem<T>[] | Promise<PickItem<T>[]>;
  active?: (item: PickItem<T>) => boolean;
  /** Turns typed text into a value when no item is chosen; returns a reason when the text cannot be one. */
  typed?: (text: string) => { value: T } | { problem: string } | undefined;
}

/**
 * Descriptions and details carry release notes and template descriptions: made inert (no links, no icons, one line).
 * Labels are the extension's own (with its icons) and stay as they are.
 */
function inertItem<T>(item: PickItem<T>): PickItem<T> {
  return {
    ...item,
    description: item.description === undefined ? undefined : inertText(item.description),
    detail: item.detail === undefined ? undefined : inertText(item.detail),
  };
}

/** A prompt or validation message: the extension's words around template and AWS text, made inert as a whole. */
function inertMessage(text: string | undefined): string | undefined {
  return text === undefined ? undefined : inertText(text);
}

/** One quick pick step with a step counter and Back (from the second step on); item texts are made inert. */
export function pick<T>(options: PickStep<T>): Promise<StepResult<T>> {
  const input = vscode.window.createQuickPick<PickItem<T>>();
  input.title = options.title;
  input.step = options.step;
  input.totalSteps = options.totalSteps;
  input.placeholder = inertText(options.placeholder);
  input.ignoreFocusOut = true;
  input.matchOnDescription = true;
  input.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  input.busy = true;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: StepResult<T>): void => {
      if (settled) return;
      settled = true;
      resolve(result);
      input.dispose();
    };
    let loaded: PickItem<T>[] = [];
    /** The loaded items, then one for what is typed: a value to use, or why it cannot be one. */
    const refresh = (): void => {
      const typed = input.value === '' ? undefined : options.typed?.(input.value);
      const typedItem: PickItem<T>[] =
        typed === undefined
          ? []
          : 'value' in typed
            ? [{ label: `$(edit) Use "${input.value}"`, alwaysShow: true, value: typed.value }]
            : [{ label: `$(error) ${inertText(typed.problem)}`, alwaysShow: true }];
      input.items = [...loaded, ...typedItem];
    };
    const show = (items: PickItem<T>[]): void => {
      loaded = items.map(inertItem);
      input.busy = false;
      refresh();
      const active = options.active ? loaded.find(options.active) : undefined;
      if (active) input.activeItems = [active];
    };
    void Promise.resolve(options.items).then(show, (error: unknown) => {
      show([
        {
          label: '$(warning) Could not load the choices',
          detail: messageOf(error),
          alwaysShow: true,
        },
      ]);
    });
    input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish({ kind: 'back' }));
    if (options.typed) input.onDidChangeValue(refresh);
    input.onDidAccept(() => {
      const chosen = input.activeItems[0];
      if (chosen?.value !== undefined) finish({ kind: 'value', value: chosen.value });
    });
    input.onDidHide(() => finish({ kind: 'cancel' }));
    input.show();
  });
}

export interface InputStep extends StepPlace {
  prompt: string;
  placeholder?: string;
  value: string;
  password?: boolean;
  /** Checked as the person types. */
  validate: (text: string) => string | undefined;
  /** Checked when the person presses Enter (may ask AWS); a reason keeps the step open. */
  accept?: (text: string, input: vscode.InputBox) => Promise<string | undefined>;
}

/** One input box step with a step counter, Back, validation as typed and an optional check on Enter. */
export function input(options: InputStep): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.prompt = inertText(options.prompt);
  box.placeholder = options.placeholder;
  box.value = options.value;
  box.password = options.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  box.validationMessage = options.value === '' ? undefined : inertMessage(options.validate(options.value));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: StepResult<string>): void => {
      if (settled) return;
      settled = true;
      resolve(result);
      box.dispose();
    };
    box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish({ kind: 'back' }));
    box.onDidChangeValue((text) => (box.validationMessage = inertMessage(options.validate(text))));
    box.onDidAccept(async () => {
      const text = box.value;
      const problem = options.validate(text);
      if (problem) {
        box.validationMessage = inertMessage(problem);
        return;
      }
      if (options.accept) {
        box.busy = true;
        box.enabled = false;
        const refusal = await options.accept(text, box).catch((error: unknown) => messageOf(error));
        box.busy = false;
        box.enabled = true;
        if (refusal) {
          box.validationMessage = inertMessage(refusal);
          return;
        }
      }
      finish({ kind: 'value', value: text });
    });
    box.onDidHide(() => finish({ kind: 'cancel' }));
    box.show();
  });
}
