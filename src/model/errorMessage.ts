/** What a caught value says: an Error's message, else the value as text (a throw of a string, a rejection reason). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A caught value as an Error, so that it can be kept and thrown again. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The base of the model's error classes. Each lazily loaded bundle (dist/*.js) holds its own copy of the model
 * classes it uses, and an error thrown by one bundle is caught in another (the rack API client's in the update
 * views, the installer's in the install views), so `instanceof` recognises an instance of any copy by its name.
 */
export abstract class ModelError extends Error {
  /** The class's name, which minified bundles keep: what `name` says and `instanceof` compares. */
  static readonly errorName: string;

  constructor(message?: string) {
    super(message);
    this.name = (new.target as typeof ModelError).errorName;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === this.errorName;
  }
}
