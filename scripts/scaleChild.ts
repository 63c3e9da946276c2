// `node out/scripts/scaleChild.js RESULT_FILE SETTINGS_JSON`, started by scripts/scaleBench.ts in a fresh process
// with AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE set: one first refresh through a fresh AwsPorts and
// RackStore, with this process's CPU time and resident memory over it, written as JSON to RESULT_FILE. Nothing
// else runs in this process (the simulator is in the parent), so its CPU time is the extension's work alone.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { AwsPorts } from '../src/aws';
import type { ScanSettings } from '../src/model/settings';
import { RackStore } from '../src/model/store/rackStore';

export interface ScaleChildResult {
  /** User plus system CPU time of the whole process (every thread) during the refresh. */
  cpuMs: number;
  userMs: number;
  systemMs: number;
  /** The largest RSS sampled every `sampleMs` during the refresh. */
  peakRssMb: number;
  /** RSS before the refresh, modules loaded. */
  rssBeforeMb: number;
  /** The kernel's high-water mark of RSS over the process's life (getrusage), which sampling can miss. */
  maxRssMb: number;
  wallMs: number;
  racks: number;
  errors: number;
  /** The first error row's message, if any, to say why. */
  firstError?: string;
  sampleMs: number;
}

const sampleMs = 20;
const megabytes = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

async function measure(settings: ScanSettings): Promise<ScaleChildResult> {
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, sampleMs);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const ports = new AwsPorts();
  const store = new RackStore(ports, () => settings, { intervalSeconds: 0 });
  await store.refresh('manual');
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const errors = store.errors();
  const result: ScaleChildResult = {
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    userMs: Math.round(cpu.user / 1000),
    systemMs: Math.round(cpu.system / 1000),
    peakRssMb: megabytes(peakRss),
    rssBeforeMb: megabytes(rssBefore),
    // maxRSS is in kilobytes.
    maxRssMb: megabytes(process.resourceUsage().maxRSS * 1024),
    wallMs: Math.round(wallMs),
    racks: store.racks().length,
    errors: errors.length,
    firstError: errors[0]?.message,
    sampleMs,
  };
  store.dispose();
  ports.dispose();
  return result;
}

const [resultFile, settingsJson] = process.argv.slice(2);
measure(JSON.parse(settingsJson) as ScanSettings).then(
  (result) => fs.writeFileSync(resultFile, JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
