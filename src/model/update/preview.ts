import { formatTable } from '../table';

/** One resource change of a change set, as DescribeChangeSet gives it (Type `Resource`). */
export interface ResourceChange {
  action: string;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  /** `True`, `Conditional` or `False`; only for Modify. */
  replacement?: string;
  /** The attributes that change (`Properties`, `Tags`, …). */
  scope: string[];
  details: ChangeDetail[];
}

/** Why a resource changes: a property and whether changing it recreates the resource. */
export interface ChangeDetail {
  /** `Properties`, `Metadata`, … */
  attribute?: string;
  /** The property's name, for `Properties`. */
  name?: string;
  /** `Never`, `Conditionally`, `Always`. */
  requiresRecreation?: string;
  /** `DirectModification`, `ParameterReference`, `ResourceReference`, … */
  changeSource?: string;
  causingEntity?: string;
}

export type PreviewAction = 'Add' | 'Replace' | 'Maybe replace' | 'Modify' | 'Remove' | 'Other';

/** One row of the preview table. */
export interface PreviewRow {
  action: PreviewAction;
  logicalId: string;
  resourceType: string;
  /** Replacements (certain or possible) are what an operator fears: highlighted. */
  highlighted: boolean;
  /** What changes and why, e.g. `CidrBlock (recreated always, by parameter VPCCIDR)`. */
  reasons: string[];
}

/** Order of the table: additions, then modifications that replace, may replace, or only modify, then removals. */
const actionOrder: readonly PreviewAction[] = ['Add', 'Replace', 'Maybe replace', 'Modify', 'Remove', 'Other'];

function actionOf(change: ResourceChange): PreviewAction {
  if (change.action === 'Add') return 'Add';
  if (change.action === 'Remove') return 'Remove';
  if (change.action === 'Modify') {
    if (change.replacement === 'True') return 'Replace';
    if (change.replacement === 'Conditional') return 'Maybe replace';
    return 'Modify';
  }
  return 'Other';
}

const recreation: Record<string, string> = {
  Always: 'recreated always',
  Conditionally: 'recreated conditionally',
  Never: 'in place',
};

/** `CidrBlock (recreated always, by parameter VPCCIDR)`; a detail with nothing to say is left out. */
function reasonOf(detail: ChangeDetail): string | undefined {
  const what = detail.name ?? detail.attribute;
  if (!what) return undefined;
  const how = detail.requiresRecreation
    ? (recreation[detail.requiresRecreation] ?? detail.requiresRecreation.toLowerCase())
    : undefined;
  const by =
    detail.changeSource === 'ParameterReference' && detail.causingEntity
      ? `by parameter ${detail.causingEntity}`
      : detail.changeSource === 'ResourceReference' && detail.causingEntity
        ? `by resource ${detail.causingEntity}`
        : detail.changeSource === 'DirectModification'
          ? 'by the template'
          : undefined;
  const notes = [how, by].filter((note): note is string => note !== undefined);
  return notes.length > 0 ? `${what} (${notes.join(', ')})` : what;
}

/** The change set as the preview shows it: sorted, replacements highlighted with their reasons. */
export function previewRows(changes: readonly ResourceChange[]): PreviewRow[] {
  return changes
    .map((change): PreviewRow => {
      const action = actionOf(change);
      const reasons = [
        ...new Set(change.details.map(reasonOf).filter((reason): reason is string => reason !== undefined)),
      ];
      // Without details, the scope still says what part of the resource changes.
      if (reasons.length === 0 && change.scope.length > 0 && action !== 'Add' && action !== 'Remove')
        reasons.push(change.scope.join(', '));
      return {
        action,
        logicalId: change.logicalId,
        resourceType: change.resourceType,
        highlighted: action === 'Replace' || action === 'Maybe replace',
        reasons,
      };
    })
    .sort(
      (a, b) => actionOrder.indexOf(a.action) - actionOrder.indexOf(b.action) || a.logicalId.localeCompare(b.logicalId),
    );
}

/** Counts for the summary line and the confirmation: `2 to add, 1 to replace, 1 that may be replaced, 3 to modify, 0 to remove`. */
export function previewSummary(rows: readonly PreviewRow[]): string {
  const count = (action: PreviewAction): number => rows.filter((row) => row.action === action).length;
  const parts = [
    `${count('Add')} to add`,
    `${count('Replace')} to replace`,
    `${count('Maybe replace')} that may be replaced`,
    `${count('Modify')} to modify in place`,
    `${count('Remove')} to remove`,
  ];
  return rows.length === 0 ? 'CloudFormation would change no resource' : parts.join(', ');
}

/** What the preview document says about one change the person asked for. */
export interface PreviewHeading {
  rackName: string;
  /** e.g. `Update to 20260421192651`, `Set InstanceType=t3.large`. */
  title: string;
  /** The values that change, as shown (secrets masked): `[key, from, to]`. */
  values: ReadonlyArray<readonly [string, string, string]>;
  notes: readonly string[];
}

/** Marks a highlighted row in the text table, where colour cannot reach. */
const highlightMark = '!!';

/** The read-only preview document: what changes, then the table of resources CloudFormation would touch. */
export function previewDocument(heading: PreviewHeading, rows: readonly PreviewRow[]): string {
  const title = `${heading.rackName}: ${heading.title}`;
  const values = formatTable(
    ['PARAMETER', 'NOW', 'AFTER'],
    heading.values.map(([key, from, to]) => [key, from, to]),
  );
  const table =
    rows.length === 0
      ? 'CloudFormation reports no resource change (the values may already be in place).'
      : formatTable(
          ['', 'ACTION', 'RESOURCE', 'TYPE', 'WHY'],
          rows.map((row) => [
            row.highlighted ? highlightMark : '',
            row.action,
            row.logicalId,
            row.resourceType,
            row.reasons.join('; '),
          ]),
        );
  const replaced = rows.filter((row) => row.highlighted);
  return [
    `${title}\n${'='.repeat(title.length)}\n`,
    'Preview only: nothing has changed yet.',
    `${previewSummary(rows)}.`,
    ...(replaced.length > 0
      ? [
          `${highlightMark} ${replaced.length} resource(s) may be replaced (deleted and created anew): ${replaced.map((row) => row.logicalId).join(', ')}.`,
        ]
      : []),
    ...heading.notes,
    '',
    'Values\n------',
    values,
    '',
    'Resources\n---------',
    table,
    '',
  ].join('\n');
}
