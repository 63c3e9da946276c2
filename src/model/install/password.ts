import { randomInt } from 'node:crypto';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const passwordLength = 30;

/** The rack API password, as the CLI makes it (30 letters), from a cryptographically secure source. */
export function generatePassword(): string {
  let password = '';
  for (let index = 0; index < passwordLength; index++) password += letters[randomInt(letters.length)];
  return password;
}
