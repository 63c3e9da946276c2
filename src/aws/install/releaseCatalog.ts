import { GetTemplateSummaryCommand } from '@aws-sdk/client-cloudformation';
import { templateConstraints, type TemplateParameter } from '../../model/install/parameters';
import { ReleaseListError } from '../../model/install/releases';
import type { ListValidators, ReleaseCatalog, ReleaseListRead } from '../../model/store/ports';
import { DeadlineError, withDeadline } from '../deadline';
import { AwsCalls, type Where } from '../calls';
import { fetchReleases, fetchText, safeUrl, templateMaxBytes } from './releases';

/** The release list over HTTPS, and a release's template read by CloudFormation and fetched for its constraints. */
export class AwsReleaseCatalog extends AwsCalls implements ReleaseCatalog {
  async readReleases(url: string, deadlineMs: number, known?: ListValidators): Promise<ReleaseListRead> {
    try {
      return await withDeadline(deadlineMs, safeUrl(url), (signal) => fetchReleases(url, signal, known));
    } catch (error) {
      if (error instanceof DeadlineError)
        throw new ReleaseListError(
          `${error.message}. Check your network and the setting convox.releasesUrl, or type a release name.`,
        );
      throw error;
    }
  }

  async templateParameters(target: Where, templateUrl: string, deadlineMs: number): Promise<TemplateParameter[]> {
    const summary = await this.call(
      target,
      'cloudformation',
      "read the release's template (cloudformation:GetTemplateSummary)",
      deadlineMs,
      (profile, abortSignal) =>
        this.cloudFormation(profile, target).send(new GetTemplateSummaryCommand({ TemplateURL: templateUrl }), {
          abortSignal,
        }),
    );
    // GetTemplateSummary gives allowed values only; patterns, lengths and ranges are in the template itself.
    const constraints = await withDeadline(deadlineMs, templateUrl, async (signal) =>
      templateConstraints(JSON.parse(await fetchText(templateUrl, templateMaxBytes, signal))),
    ).catch(() => new Map<string, Partial<TemplateParameter>>());
    return (summary.Parameters ?? []).map((declared) => ({
      key: declared.ParameterKey ?? '',
      type: declared.ParameterType ?? 'String',
      defaultValue: declared.DefaultValue,
      description: declared.Description,
      noEcho: declared.NoEcho ?? false,
      allowedValues: declared.ParameterConstraints?.AllowedValues,
      ...constraints.get(declared.ParameterKey ?? ''),
    }));
  }
}
