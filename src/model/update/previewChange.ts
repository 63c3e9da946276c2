import type { TemplateParameter } from '../install/parameters';
import { mirrorHost, templateUrl } from '../install/releases';
import type { Rack } from '../rack';
import type { ReleaseCatalog, Timing } from '../store/ports';
import type { ChangePreviewer, ChangeSetPreview } from './ports';
import { previewDocument, previewRows, type PreviewRow } from './preview';
import { autoscaleWarning, changedParameters, changeTitle, shownValue, type RackChange } from './rackChange';

/** A change set takes seconds to compute: it is read again every second, for at most five minutes. */
export const previewTiming: Timing = { deadlineMs: 5 * 60_000, pollMs: 1_000 };

export interface PreviewDependencies {
  releases: Pick<ReleaseCatalog, 'templateParameters'>;
  previewer: ChangePreviewer;
  releasesUrl: string;
  timing: Timing;
}

export interface ChangePreview {
  preview: ChangeSetPreview;
  rows: PreviewRow[];
  /** The read-only document: values asked for, then the resources CloudFormation would touch. */
  document: string;
  title: string;
}

/** The preview's templates come from a mirror, but the rack applies Convox's own: the person is told so. */
export function mirrorNote(host: string): string {
  return `The release list and templates of this preview come from ${host} (setting convox.releasesUrl), not Convox's published list. The rack itself always applies Convox's published template of the release, which this preview may not match.`;
}

/**
 * The preview of one rack change: the change set of type UPDATE (the new release's template when the version
 * changes, its parameters read with GetTemplateSummary), read into the table the person confirms.
 */
export async function previewChange(
  dependencies: PreviewDependencies,
  rack: Rack,
  change: RackChange,
  template: readonly TemplateParameter[],
): Promise<ChangePreview> {
  const changed = changedParameters(rack, change);
  const newTemplateUrl = change.kind === 'version' ? templateUrl(dependencies.releasesUrl, change.version) : undefined;
  const keys = newTemplateUrl
    ? (await dependencies.releases.templateParameters(rack, newTemplateUrl, dependencies.timing.deadlineMs)).map(
        (parameter) => parameter.key,
      )
    : template.map((parameter) => parameter.key);
  const preview = await dependencies.previewer.preview(
    rack,
    { templateParameterKeys: keys, changed, templateUrl: newTemplateUrl },
    dependencies.timing,
  );
  const rows = previewRows(preview.changes);
  const title = changeTitle(change, template);
  const mirror = mirrorHost(dependencies.releasesUrl);
  const warning = change.kind === 'scale' ? autoscaleWarning(rack) : undefined;
  const notes = [
    ...(mirror ? [mirrorNote(mirror)] : []),
    ...(warning ? [warning] : []),
    ...(preview.deleted
      ? []
      : [
          'The preview change set could not be deleted; it is never executed, and you may delete it in the CloudFormation console.',
        ]),
    'Applying sends this change to the rack API (PUT /system), as the convox CLI does; the rack updates its own stack.',
  ];
  const values = Object.entries(changed).map(
    ([key, value]) => [key, shownValue(key, rack.parameters[key], template), shownValue(key, value, template)] as const,
  );
  const document = previewDocument({ rackName: rack.displayName, title, values, notes }, rows);
  return { preview, rows, document, title };
}
