import type { ComponentStatus } from './componentStatus';

export type ComponentKind =
  | 'internet'
  | 'client'
  | 'loadBalancer'
  | 'vpc'
  | 'zone'
  | 'subnet'
  | 'natGateway'
  | 'server'
  | 'serviceGroup'
  | 'container'
  | 'cluster'
  | 'rackService'
  | 'bucket'
  | 'table'
  | 'fileSystem'
  | 'function'
  | 'logGroup'
  | 'stack';

/** How a component of a kind is drawn apart from its siblings: a public or internal balancer, a spot server… */
export type ComponentVariant = 'public' | 'internal' | 'private' | 'rack' | 'spot' | 'build';

/** A share of something in use, drawn as a small bar: a server's CPU or memory. */
export interface Meter {
  label: string;
  /** 0–1. */
  share: number;
}

export interface DetailRow {
  label: string;
  value: string;
}

/** One thing the diagram draws. Plain JSON: it crosses to the webview as is. */
export interface SceneComponent {
  /** Stable across refreshes (built from logical ids, instance ids and task ARNs), so updates patch in place. */
  id: string;
  kind: ComponentKind;
  /** The component drawn around this one; none for the top level. */
  parent?: string;
  /** What it is, in words: `server`, `spot server`, `API load balancer`. */
  noun: string;
  /** Its own name, drawn on it: an instance id, a bucket name, a zone. */
  label: string;
  variant?: ComponentVariant;
  /** The AWS physical id (an id, a name or an ARN) once AWS has given one. */
  awsId?: string;
  /** The name AWS knows it by, when its label is another: a rack service `web` is `production-ServiceWebApi-W1`. */
  awsName?: string;
  /** The rack stack's logical id for it, when the stack made it. */
  logicalId?: string;
  status?: ComponentStatus;
  /** Short facts drawn under the label and read after the status: counts, zone, host name. */
  facts: string[];
  /**
   * Drawn in place of the facts when they would say more than fits: a zone draws its counts, its servers their
   * own statuses, so that a server changing state does not make its zone taller.
   */
  summary?: string[];
  /** Shares in use, drawn as bars and read after the facts. */
  meters?: Meter[];
  /** What a screen reader and the tooltip say: kind, name, AWS id, status, facts (see accessibleName.ts). */
  accessibleName: string;
  /** The details pane's rows. */
  details: DetailRow[];
  consoleUrl?: string;
}

export interface SceneEdge {
  id: string;
  from: string;
  to: string;
}

/** Shown across the diagram while the rack is not settled: its state, and CloudFormation's reason. */
export interface Banner {
  status: ComponentStatus;
  text: string;
}

/** The rack's architecture as components (parents before children, siblings in drawing order) and edges. */
export interface Scene {
  components: SceneComponent[];
  edges: SceneEdge[];
  banner?: Banner;
}
