// `node out/scripts/slowCredentialProcess.js LOG_FILE ACCESS_KEY_ID SECRET_ACCESS_KEY`: the credential_process of
// scripts/scaleBench.ts. It appends `start <ms>` to LOG_FILE, takes a second, appends `end <ms>` and prints the
// keys as the AWS CLI's credential JSON, so the log tells how many ran at once.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const [logFile, accessKeyId, secretAccessKey] = process.argv.slice(2);
// Epoch milliseconds with a fraction, so that one process's end and the next one's start rarely tie.
const now = (): string => (performance.timeOrigin + performance.now()).toFixed(3);

fs.appendFileSync(logFile, `start ${now()}\n`);
setTimeout(() => {
  fs.appendFileSync(logFile, `end ${now()}\n`);
  process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey }));
}, 1000);
