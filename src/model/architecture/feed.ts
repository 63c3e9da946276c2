import type { ArchitectureData } from './data';
import { layoutOf, type Layout } from './layout';
import type { ExtensionMessage, RackIdentity } from './protocol';
import { sceneOf } from './scene';
import type { SceneComponent } from './sceneTypes';
import { diffLayouts, isEmptyUpdate } from './update';

/** What the feed needs of the store's architecture state: the last data with its read time (ms), and the last failure. */
export interface FeedInput {
  data?: ArchitectureData;
  readAt?: number;
  /** Set until a read succeeds; its message is safe to show. */
  error?: Error;
}

/**
 * Decides what one webview is sent as reads of its rack end: the whole picture the first time (and after a
 * failure, or when the page loads again), then only what changed, and the reason when a read fails (the
 * page keeps its last picture). It remembers the layout the page has, to diff against and to look up
 * components the page names.
 */
export class ArchitectureFeed {
  private shown: Layout | undefined;
  private failing = false;

  constructor(private readonly rack: RackIdentity) {}

  /** The layout the page was last sent, if any. */
  get layout(): Layout | undefined {
    return this.shown;
  }

  /** The page (re)loaded and has nothing drawn: the next messages start with the whole picture. */
  restart(): void {
    this.shown = undefined;
  }

  /** A component of the picture the page has, by id. */
  component(id: string): SceneComponent | undefined {
    return this.shown?.nodes.find((node) => node.component.id === id)?.component;
  }

  /** The messages that bring the page up to `input`; `now` (ms) dates a failure. */
  messages(input: FeedInput, now: number): ExtensionMessage[] {
    const { data, error } = input;
    const updatedAt = new Date(input.readAt ?? now).toISOString();
    if (error) {
      const messages: ExtensionMessage[] = [];
      if (!this.shown && data) messages.push(this.scene(layoutOf(sceneOf(data)), updatedAt));
      this.failing = true;
      messages.push({ type: 'failed', message: error.message, at: new Date(now).toISOString() });
      return messages;
    }
    if (!data) return [];
    const layout = layoutOf(sceneOf(data));
    if (!this.shown || this.failing) {
      this.failing = false;
      return [this.scene(layout, updatedAt)];
    }
    const update = diffLayouts(this.shown, layout);
    this.shown = layout;
    return [isEmptyUpdate(update) ? { type: 'unchanged', updatedAt } : { type: 'update', update, updatedAt }];
  }

  private scene(layout: Layout, updatedAt: string): ExtensionMessage {
    this.shown = layout;
    return { type: 'scene', layout, updatedAt, rack: this.rack };
  }
}
