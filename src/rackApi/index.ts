import type { RackApi } from '../model/update/ports';
import { systemOf, updateSystem } from './client';

/** Entry of the dist/rackApi.js bundle: the rack API client, loaded when a rack is first changed through it. */
export const rackApi: RackApi = { system: systemOf, update: updateSystem };
