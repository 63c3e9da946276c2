import * as assert from 'node:assert/strict';
import type { TemplateParameter } from '../../../src/model/install/parameters';
import type { RackStatus } from '../../../src/model/rack';
import {
  acceptsChanges,
  autoscaleWarning,
  changedParameters,
  changeRefusal,
  changeTitle,
  countParameter,
  countProblem,
  convergingWarning,
  highAvailabilityRefusal,
  parameterChangeProblem,
  parametersProblems,
  shownValue,
  systemUpdateForm,
} from '../../../src/model/update/rackChange';

const template: TemplateParameter[] = [
  { key: 'Password', type: 'String', noEcho: true, minLength: 1, maxLength: 50 },
  { key: 'HighAvailability', type: 'String', noEcho: false, defaultValue: 'true', allowedValues: ['true', 'false'] },
  {
    key: 'InstanceCount',
    type: 'Number',
    noEcho: false,
    defaultValue: '3',
    minValue: 3,
    constraintDescription: 'at least 3',
  },
  { key: 'NoHaInstanceCount', type: 'Number', noEcho: false, defaultValue: '1', minValue: 1 },
  {
    key: 'InstanceType',
    type: 'String',
    noEcho: false,
    defaultValue: 't3.small',
    allowedPattern: '[a-z0-9-]+\\.[a-z0-9]+',
  },
  { key: 'Autoscale', type: 'String', noEcho: false, defaultValue: 'Yes', allowedValues: ['Yes', 'No'] },
  {
    key: 'LogDriver',
    type: 'String',
    noEcho: false,
    defaultValue: 'CloudWatch',
    allowedValues: ['CloudWatch', 'Syslog', ''],
  },
  { key: 'SyslogDestination', type: 'String', noEcho: false, defaultValue: '' },
  { key: 'ScheduleRackScaleDown', type: 'String', noEcho: false, defaultValue: '' },
  { key: 'ScheduleRackScaleUp', type: 'String', noEcho: false, defaultValue: '' },
  { key: 'SecretToken', type: 'String', noEcho: true, defaultValue: '' },
];
const ha = { parameters: { HighAvailability: 'true', Autoscale: 'Yes' } };
const noHa = { parameters: { HighAvailability: 'false', Autoscale: 'No' } };

describe('rack changes: parameters, scale, readiness and the PUT /system form', () => {
  it("refuses HighAvailability as the CLI does, and checks values with the template's rules as typed", () => {
    assert.equal(parameterChangeProblem(template, 'HighAvailability', 'false'), highAvailabilityRefusal);
    assert.equal(highAvailabilityRefusal, 'the HighAvailability parameter is only supported during rack installation');
    assert.match(parameterChangeProblem(template, 'Autoscale', 'maybe') ?? '', /must be one of: Yes, No/);
    assert.match(parameterChangeProblem(template, 'InstanceCount', '2') ?? '', /at least 3/);
    assert.match(parameterChangeProblem(template, 'Nope', 'x') ?? '', /no parameter Nope/);
    assert.match(parameterChangeProblem(template, 'Password', 'x') ?? '', /set by the rack itself/);
    assert.equal(parameterChangeProblem(template, 'InstanceType', 't3.large'), undefined);
  });

  it("applies the CLI's cross-checks on the values after the change", () => {
    assert.deepEqual(parametersProblems(template, { LogDriver: 'CloudWatch' }, { LogDriver: 'Syslog' }), [
      'LogDriver=Syslog needs SyslogDestination (e.g. tcp+tls://logs.example.com:12345).',
    ]);
    assert.deepEqual(
      parametersProblems(template, { LogDriver: 'Syslog', SyslogDestination: 'tcp://x:1' }, { Autoscale: 'No' }),
      [],
    );
    assert.equal(parametersProblems(template, {}, { ScheduleRackScaleDown: '0 18 * * *' }).length, 1);
  });

  it('masks secrets wherever a value is shown', () => {
    assert.equal(shownValue('SecretToken', 'abc', template), '**********');
    assert.equal(shownValue('Password', 'abc', template), '**********');
    assert.equal(shownValue('HttpProxy', 'http://u:p@proxy', []), '**********');
    assert.equal(shownValue('Autoscale', 'No', template), 'No');
    assert.equal(shownValue('SyslogDestination', '', template), '(empty)');
    assert.equal(
      changeTitle({ kind: 'parameters', parameters: { SecretToken: 'abc' } }, template),
      'Set SecretToken=**********',
    );
  });

  it('scales the count parameter that applies, with its rule, and warns when the autoscaler is on', () => {
    assert.equal(countParameter(ha), 'InstanceCount');
    assert.equal(countParameter(noHa), 'NoHaInstanceCount');
    assert.match(countProblem(template, ha, '2') ?? '', /at least 3/);
    assert.equal(countProblem(template, noHa, '2'), undefined);
    assert.match(countProblem(template, noHa, 'two') ?? '', /whole number/);
    assert.deepEqual(changedParameters(noHa, { kind: 'scale', count: 2, type: 't3.large' }), {
      NoHaInstanceCount: '2',
      InstanceType: 't3.large',
    });
    assert.match(autoscaleWarning(ha) ?? '', /autoscaler sets the instance count itself/);
    assert.equal(autoscaleWarning(noHa), undefined);
  });

  it("builds the form body the CLI's SDK sends (structs.SystemUpdateOptions)", () => {
    assert.equal(systemUpdateForm(ha, { kind: 'version', version: '20260421192651' }), 'version=20260421192651');
    const parameters = new URLSearchParams(
      systemUpdateForm(ha, { kind: 'parameters', parameters: { Autoscale: 'No', SyslogDestination: 'tcp+tls://a:1' } }),
    );
    assert.deepEqual([...parameters.keys()], ['parameters']);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(parameters.get('parameters') ?? '')), {
      Autoscale: 'No',
      SyslogDestination: 'tcp+tls://a:1',
    });
    assert.equal(systemUpdateForm(ha, { kind: 'scale', count: 4, type: 't3.large' }), 'count=4&type=t3.large');
    assert.equal(
      systemUpdateForm(noHa, { kind: 'scale', count: 2 }),
      `parameters=${encodeURIComponent('NoHaInstanceCount=2')}`,
    );
  });

  it('refuses a rack CloudFormation would not update, with the reason', () => {
    const rack = {
      displayName: 'acme/europe (eu-west-1)',
      status: 'updating' as const,
      cloudformationStatus: 'UPDATE_IN_PROGRESS',
    };
    assert.match(
      changeRefusal(rack) ?? '',
      /acme\/europe \(eu-west-1\) is updating \(UPDATE_IN_PROGRESS\): an update is under way/,
    );
    const refused: Array<[RackStatus, string, RegExp]> = [
      ['rollback', 'UPDATE_ROLLBACK_IN_PROGRESS', /rolling back/],
      ['creating', 'CREATE_IN_PROGRESS', /still being created/],
      ['deleting', 'DELETE_IN_PROGRESS', /being deleted/],
      ['failed', 'UPDATE_ROLLBACK_FAILED', /last change failed/],
      ['unknown', 'CREATE_FAILED', /not done with it/],
    ];
    for (const [status, cloudformationStatus, why] of refused)
      assert.match(changeRefusal({ ...rack, status, cloudformationStatus }) ?? '', why, status);
    assert.equal(
      changeRefusal({ ...rack, status: 'running', cloudformationStatus: 'UPDATE_ROLLBACK_COMPLETE' }),
      undefined,
    );
    assert.match(
      changeRefusal({ ...rack, status: 'running', local: { namespace: 'convox', context: 'kind' } }) ?? '',
      /local rack/,
    );
  });

  it('lets a converging rack change, as CloudFormation and the CLI do, after a warning naming the servers not in service', () => {
    const rack = {
      displayName: 'acme/converge',
      status: 'converging' as const,
      cloudformationStatus: 'UPDATE_COMPLETE',
    };
    assert.equal(changeRefusal(rack), undefined);
    assert.ok(acceptsChanges('converging') && acceptsChanges('running') && !acceptsChanges('updating'));
    assert.match(
      convergingWarning(rack, ['i-0c (Pending)']) ?? '',
      /^acme\/converge is converging \(not in service: i-0c \(Pending\)\)\. CloudFormation accepts the change now/,
    );
    assert.match(convergingWarning(rack, []) ?? '', /some servers are not in service/);
    const many =
      convergingWarning(
        rack,
        ['i-1', 'i-2', 'i-3', 'i-4', 'i-5', 'i-6', 'i-7'].map((id) => `${id} (Pending)`),
      ) ?? '';
    assert.match(many, /i-5 \(Pending\) and 2 more\)/);
    assert.ok(!many.includes('i-6'));
    assert.equal(
      convergingWarning({ ...rack, status: 'running' }, ['i-0c (Pending)']),
      undefined,
      'no warning for a running rack',
    );
  });
});

describe('rack changes: values, titles and forms of each kind', () => {
  it('masks Password and HttpProxy whatever the template says, and shows an unset value as such', () => {
    assert.equal(shownValue('Password', 'abc', []), '**********');
    assert.equal(shownValue('Autoscale', undefined, template), '(unset)');
    assert.equal(shownValue('Password', undefined, template), '(unset)');
  });

  it('a count is a whole number, spaces around it aside', () => {
    assert.equal(countProblem(template, noHa, ' 12 '), undefined);
    assert.match(countProblem(template, ha, ' 2 ') ?? '', /at least 3/);
    for (const text of ['2x', 'x2', '1.5', '-1', ''])
      assert.equal(countProblem(template, noHa, text), 'The instance count is a whole number.', text);
    assert.equal(countProblem([], noHa, '0'), undefined, 'no rule in the template, nothing to check');
  });

  it('changes the stack parameters each kind of change names, and only those', () => {
    assert.deepEqual(changedParameters(ha, { kind: 'version', version: '20260421192651' }), {
      Version: '20260421192651',
    });
    assert.deepEqual(changedParameters(ha, { kind: 'parameters', parameters: { Autoscale: 'No' } }), {
      Autoscale: 'No',
    });
    assert.deepEqual(changedParameters(ha, { kind: 'scale', count: 4 }), { InstanceCount: '4' });
    assert.deepEqual(changedParameters(ha, { kind: 'scale', type: 't3.large' }), { InstanceType: 't3.large' });
  });

  it('a scale of the type alone sends no count', () => {
    assert.equal(systemUpdateForm(ha, { kind: 'scale', type: 't3.large' }), 'type=t3.large');
    assert.equal(systemUpdateForm(noHa, { kind: 'scale', type: 't3.large' }), 'type=t3.large');
  });

  it('titles each kind of change', () => {
    assert.equal(changeTitle({ kind: 'version', version: '20260421192651' }), 'Update to 20260421192651');
    assert.equal(
      changeTitle({ kind: 'parameters', parameters: { Autoscale: 'No', SyslogDestination: '' } }),
      'Set Autoscale=No, SyslogDestination=(empty)',
    );
    assert.equal(changeTitle({ kind: 'scale', count: 4, type: 't3.large' }), 'Scale to 4 instances of t3.large');
    assert.equal(changeTitle({ kind: 'scale', count: 4 }), 'Scale to 4 instances');
    assert.equal(changeTitle({ kind: 'scale', type: 't3.large' }), 'Scale to t3.large');
  });

  it('names up to five servers not in service, and says how many more only when there are', () => {
    const rack = { displayName: 'acme/converge', status: 'converging' as const };
    const five = ['i-1', 'i-2', 'i-3', 'i-4', 'i-5'];
    assert.match(convergingWarning(rack, five) ?? '', /\(not in service: i-1, i-2, i-3, i-4, i-5\)\./);
  });
});
