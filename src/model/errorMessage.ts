/** What a caught value says: an Error's message, else the value as text (a throw of a string, a rejection reason). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A caught value as an Error, so that it can be kept and thrown again. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
