/** A rack's API password as the extension keeps it: read once, forgotten when the rack refuses it. */
export interface KeptPassword {
  read(): Promise<string | undefined>;
  forget(): void;
}

/**
 * Calls the rack API with the password it was read as. When the rack refuses it (`refused`, an HTTP 401) the secret
 * may have been rotated since: the kept password is forgotten and read again, once, and the call is made again only
 * if the password changed. Otherwise, and on a second refusal, the refusal is thrown: never a loop.
 */
export async function withPasswordReadAgain<T>(
  kept: KeptPassword,
  password: string,
  call: (password: string) => Promise<T>,
  refused: (error: unknown) => boolean,
): Promise<T> {
  try {
    return await call(password);
  } catch (error) {
    if (!refused(error)) throw error;
    kept.forget();
    const again = await kept.read();
    if (again === undefined || again === password) throw error;
    return call(again);
  }
}
