// An extension's globalState in place before a workbench loads, as a previous session would have left it. In
// code-server the workbench keeps it in the browser: IndexedDB `vscode-web-state-db-global` (the default profile's
// storage), object store `ItemTable`, under the extension's id, as the JSON text of all its keys.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from './browser';

const database = 'vscode-web-state-db-global';
const objectStore = 'ItemTable';

/** `publisher.name`, the id VS Code keeps an extension's state under. */
function extensionId(extensionPath: string): string {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const { publisher, name } = (manifest ?? {}) as Record<string, unknown>;
  if (typeof publisher !== 'string' || typeof name !== 'string')
    throw new Error(`${extensionPath}/package.json has no publisher and name`);
  return `${publisher}.${name}`;
}

/**
 * Writes `state` (the extension's globalState keys and values) into the browser's storage for the workbench at
 * `origin` (code-server's http://127.0.0.1:PORT: IndexedDB belongs to an origin), from a page of that origin
 * that is not the workbench. Call before the workbench loads: it reads the storage once, when it starts.
 */
export async function seedGlobalState(
  page: Page,
  origin: string,
  extensionPath: string,
  state: Record<string, unknown>,
): Promise<void> {
  await page.goto(`${origin}/healthz`);
  await page.evaluate(
    ({ name, store, key, value }) =>
      new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open(name);
        opening.onupgradeneeded = () => opening.result.createObjectStore(store);
        opening.onerror = () => reject(opening.error ?? new Error(`could not open ${name}`));
        opening.onsuccess = () => {
          const db = opening.result;
          const writing = db.transaction(store, 'readwrite');
          writing.objectStore(store).put(value, key);
          writing.oncomplete = () => {
            db.close();
            resolve();
          };
          writing.onerror = () => reject(writing.error ?? new Error(`could not write ${key}`));
        };
      }),
    { name: database, store: objectStore, key: extensionId(extensionPath), value: JSON.stringify(state) },
  );
}
