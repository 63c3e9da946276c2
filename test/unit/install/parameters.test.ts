import * as assert from 'node:assert/strict';
import { matchesPattern } from '../../../src/model/install/boundedMatch';
import {
  crossCheckProblems,
  nameOptions,
  offeredParameters,
  parameterProblem,
  parseTags,
  templateConstraints,
  valuesProblems,
  type TemplateParameter,
} from '../../../src/model/install/parameters';

const parameters: TemplateParameter[] = [
  { key: 'Password', type: 'String', noEcho: true, minLength: 1, maxLength: 50 },
  { key: 'Version', type: 'String', noEcho: false },
  { key: 'ApiRouter', type: 'String', noEcho: false, defaultValue: 'ALB' },
  { key: 'Encryption', type: 'String', noEcho: false, defaultValue: 'Yes' },
  {
    key: 'LogDriver',
    type: 'String',
    noEcho: false,
    defaultValue: 'CloudWatch',
    allowedValues: ['CloudWatch', 'Syslog', ''],
  },
  { key: 'SyslogDestination', type: 'String', noEcho: false, defaultValue: '' },
  {
    key: 'InstanceType',
    type: 'String',
    noEcho: false,
    defaultValue: 't3.small',
    allowedPattern: '[a-z0-9]+\\.[a-z0-9]+',
  },
  {
    key: 'InstanceCount',
    type: 'Number',
    noEcho: false,
    defaultValue: '3',
    minValue: 3,
    constraintDescription: 'three or more for high availability',
  },
  { key: 'HighAvailability', type: 'String', noEcho: false, defaultValue: 'true', allowedValues: ['true', 'false'] },
  { key: 'ScheduleRackScaleDown', type: 'String', noEcho: false, defaultValue: '' },
  { key: 'ScheduleRackScaleUp', type: 'String', noEcho: false, defaultValue: '' },
  {
    key: 'SubnetCIDRs',
    type: 'CommaDelimitedList',
    noEcho: false,
    defaultValue: '10.0.1.0/24,10.0.2.0/24',
    allowedValues: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
  },
  { key: 'Key', type: 'String', noEcho: false, defaultValue: '', maxLength: 5 },
];
const byKey = (key: string): TemplateParameter =>
  parameters.find((parameter) => parameter.key === key) as TemplateParameter;

describe('install parameters from a template summary', () => {
  it('never offers the installer’s own parameters nor the unused ApiRouter and Encryption', () => {
    const { common, other } = offeredParameters(parameters);
    const keys = [...common, ...other].map((parameter) => parameter.key);
    for (const hidden of ['Password', 'Version', 'ApiRouter', 'Encryption']) assert.ok(!keys.includes(hidden), hidden);
    assert.deepEqual(
      common.map((parameter) => parameter.key),
      ['InstanceType', 'HighAvailability', 'InstanceCount'],
    );
  });

  it('checks allowed values, patterns, lengths, numbers and lists', () => {
    assert.match(parameterProblem(byKey('HighAvailability'), 'yes') ?? '', /one of: true, false/);
    assert.match(parameterProblem(byKey('LogDriver'), 'Papertrail') ?? '', /CloudWatch, Syslog, \(empty\)/);
    assert.equal(parameterProblem(byKey('LogDriver'), ''), undefined);
    assert.match(parameterProblem(byKey('InstanceType'), 't3 small') ?? '', /does not match/);
    assert.equal(parameterProblem(byKey('InstanceType'), 'm5.large'), undefined);
    assert.match(parameterProblem(byKey('InstanceCount'), 'two') ?? '', /must be a number/);
    assert.match(parameterProblem(byKey('InstanceCount'), '2') ?? '', /at least 3 \(three or more/);
    assert.match(parameterProblem(byKey('Key'), 'abcdef') ?? '', /at most 5 characters/);
    assert.equal(parameterProblem(byKey('SubnetCIDRs'), '10.0.1.0/24, 10.0.3.0/24'), undefined);
    assert.match(parameterProblem(byKey('SubnetCIDRs'), '10.0.9.0/24') ?? '', /one of/);
  });

  it('applies the CLI’s cross-checks', () => {
    assert.deepEqual(crossCheckProblems({ ScheduleRackScaleDown: '0 18 * * ? *', ScheduleRackScaleUp: '' }), [
      'ScheduleRackScaleDown and ScheduleRackScaleUp must be set together.',
    ]);
    assert.match(crossCheckProblems({ LogDriver: 'Syslog' })[0], /needs SyslogDestination/);
    assert.deepEqual(valuesProblems(parameters, { LogDriver: 'Syslog', SyslogDestination: 'tcp://x:1' }), []);
    assert.match(valuesProblems(parameters, { Nope: '1' })[0], /no parameter Nope/);
    assert.match(valuesProblems(parameters, { ApiRouter: 'ELB' })[0], /set by the installer/);
  });

  it('reads constraints GetTemplateSummary leaves out from the template itself', () => {
    const constraints = templateConstraints({
      Parameters: { InstanceCount: { Type: 'Number', MinValue: '3' }, Key: { AllowedPattern: '[a-z]*', MaxLength: 5 } },
    });
    assert.equal(constraints.get('InstanceCount')?.minValue, 3);
    assert.equal(constraints.get('Key')?.allowedPattern, '[a-z]*');
    assert.equal(constraints.get('Key')?.maxLength, 5);
  });

  it('parses tags and keeps System and Type for the installer', () => {
    assert.deepEqual(parseTags('team=web, cost=42').tags, { team: 'web', cost: '42' });
    assert.match(parseTags('System=mine').problem ?? '', /set by the installer/);
    assert.match(parseTags('oops').problem ?? '', /not Key=Value/);
  });
});

describe('install parameters: the rules at their edges', () => {
  const number: TemplateParameter = { key: 'VolumeSize', type: 'Number', noEcho: false, minValue: 20, maxValue: 100 };
  const text: TemplateParameter = { key: 'Key', type: 'String', noEcho: false, minLength: 2, maxLength: 4 };
  const numbers: TemplateParameter = { key: 'Ports', type: 'List<Number>', noEcho: false };

  it('numbers: the bounds themselves pass, one past them fails, blank is not a number', () => {
    assert.equal(parameterProblem(number, '20'), undefined);
    assert.equal(parameterProblem(number, '100'), undefined);
    assert.equal(parameterProblem(number, '19'), 'VolumeSize must be at least 20.');
    assert.equal(parameterProblem(number, '101'), 'VolumeSize must be at most 100.');
    assert.equal(parameterProblem(number, ' '), 'VolumeSize must be a number.');
    assert.equal(parameterProblem({ ...number, minValue: undefined, maxValue: undefined }, '-5'), undefined);
  });

  it('lengths: the bounds themselves pass, one past them fails', () => {
    assert.equal(parameterProblem(text, 'ab'), undefined);
    assert.equal(parameterProblem(text, 'abcd'), undefined);
    assert.equal(parameterProblem(text, 'a'), 'Key needs at least 2 characters.');
    assert.equal(parameterProblem(text, 'abcde'), 'Key takes at most 4 characters.');
    assert.equal(parameterProblem({ ...text, minLength: undefined, maxLength: undefined }, ''), undefined);
  });

  it('lists of numbers', () => {
    assert.equal(parameterProblem(numbers, '80, 443'), undefined);
    assert.equal(parameterProblem(numbers, '80,'), 'Ports is a comma-separated list of numbers.');
    assert.equal(parameterProblem(numbers, '80,http'), 'Ports is a comma-separated list of numbers.');
    assert.equal(
      parameterProblem({ key: 'Names', type: 'String', noEcho: false, allowedValues: ['a,b'] }, 'a,b'),
      undefined,
      'a String is not split',
    );
  });

  it('an empty allowed-values list allows anything', () => {
    assert.equal(
      parameterProblem({ key: 'X', type: 'String', noEcho: false, allowedValues: [] }, 'anything'),
      undefined,
    );
  });

  it('an AllowedPattern JavaScript cannot read is left to CloudFormation', () => {
    assert.equal(parameterProblem({ key: 'X', type: 'String', noEcho: false, allowedPattern: '(' }, 'x'), undefined);
  });

  it('a catastrophically backtracking AllowedPattern answers within its budget, still checking what it can', () => {
    const hostile = { key: 'X', type: 'String', noEcho: false, allowedPattern: '(a+)+$' } as const;
    // Without a bound this match would not end in the life of the test: 2^5000 ways to split the a's.
    assert.equal(parameterProblem(hostile, `${'a'.repeat(5_000)}!`), undefined, 'left to CloudFormation');
    assert.equal(parameterProblem(hostile, 'aaaa'), undefined);
    assert.match(parameterProblem(hostile, 'b') ?? '', /does not match the template's rule \(a\+\)\+\$/);
    assert.equal(matchesPattern('(a|aa)*c', `${'a'.repeat(5_000)}`), undefined);
    assert.equal(matchesPattern('[a-z]+', 'abc'), true);
    assert.equal(matchesPattern('[a-z]+', 'abc1'), false, 'the whole value must match');
  });

  it('the cross-checks need both schedules, in either direction, and the template defaults count', () => {
    assert.deepEqual(crossCheckProblems({ ScheduleRackScaleUp: '0 8 * * ? *' }), [
      'ScheduleRackScaleDown and ScheduleRackScaleUp must be set together.',
    ]);
    assert.deepEqual(crossCheckProblems({ ScheduleRackScaleUp: 'a', ScheduleRackScaleDown: 'b' }), []);
    assert.deepEqual(crossCheckProblems({ LogDriver: 'CloudWatch' }), []);
    assert.deepEqual(valuesProblems(parameters, { HighAvailability: 'maybe' }), [
      'HighAvailability must be one of: true, false.',
    ]);
    const syslogDefault = parameters.map((parameter) =>
      parameter.key === 'LogDriver' ? { ...parameter, defaultValue: 'Syslog' } : parameter,
    );
    assert.match(valuesProblems(syslogDefault, {})[0], /needs SyslogDestination/);
    assert.deepEqual(valuesProblems(syslogDefault, { SyslogDestination: 'tcp://x:1' }), []);
  });

  it('the name rules follow Internal and PrivateApi, changed or by default', () => {
    const template: TemplateParameter[] = [
      { key: 'Internal', type: 'String', noEcho: false, defaultValue: 'No' },
      { key: 'PrivateApi', type: 'String', noEcho: false, defaultValue: 'Yes' },
    ];
    assert.deepEqual(nameOptions(template, {}), { internal: false, privateApi: true });
    assert.deepEqual(nameOptions(template, { Internal: 'Yes', PrivateApi: 'No' }), {
      internal: true,
      privateApi: false,
    });
    assert.deepEqual(nameOptions([], {}), { internal: false, privateApi: false });
  });

  it('offers the other parameters in template order after the common ones', () => {
    const { other } = offeredParameters(parameters);
    assert.deepEqual(
      other.map((parameter) => parameter.key),
      ['LogDriver', 'SyslogDestination', 'ScheduleRackScaleDown', 'ScheduleRackScaleUp', 'SubnetCIDRs', 'Key'],
    );
  });

  it('reads no constraints from what is not a template', () => {
    assert.equal(templateConstraints(null).size, 0);
    assert.equal(templateConstraints('text').size, 0);
    assert.equal(templateConstraints({ Parameters: 'x' }).size, 0);
    assert.equal(templateConstraints({ Parameters: { Bad: 'x', Good: {} } }).size, 1);
    assert.deepEqual(
      templateConstraints({ Parameters: { Good: { MinValue: 1, ConstraintDescription: 'one or more' } } }).get('Good'),
      {
        allowedPattern: undefined,
        minLength: undefined,
        maxLength: undefined,
        minValue: 1,
        maxValue: undefined,
        constraintDescription: 'one or more',
      },
    );
  });

  it('no tags is fine; a value may hold "="', () => {
    assert.deepEqual(parseTags('  '), { tags: {} });
    assert.deepEqual(parseTags('url=a=b').tags, { url: 'a=b' });
    assert.match(parseTags('=x').problem ?? '', /not Key=Value/);
  });
});

describe('install parameters: what the template leaves unsaid', () => {
  it('a parameter without a default counts as empty in the cross-checks', () => {
    const schedules: TemplateParameter[] = [
      { key: 'ScheduleRackScaleDown', type: 'String', noEcho: false },
      { key: 'ScheduleRackScaleUp', type: 'String', noEcho: false },
    ];
    assert.deepEqual(valuesProblems(schedules, {}), []);
    assert.deepEqual(valuesProblems(schedules, { ScheduleRackScaleDown: '0 18 * * ? *' }), [
      'ScheduleRackScaleDown and ScheduleRackScaleUp must be set together.',
    ]);
  });

  it('reads every declared constraint, numbers given as text too, and ignores ones of the wrong type', () => {
    const constraints = templateConstraints({
      Parameters: {
        Key: { MinLength: '2', MaxLength: '8', AllowedPattern: '[a-z]+', ConstraintDescription: 'lower case' },
        Count: { MinValue: 1, MaxValue: '10' },
        Odd: { AllowedPattern: 42, ConstraintDescription: ['not', 'text'] },
      },
    });
    assert.deepEqual(constraints.get('Key'), {
      allowedPattern: '[a-z]+',
      minLength: 2,
      maxLength: 8,
      minValue: undefined,
      maxValue: undefined,
      constraintDescription: 'lower case',
    });
    assert.equal(constraints.get('Count')?.maxValue, 10);
    assert.equal(constraints.get('Odd')?.allowedPattern, undefined);
    assert.equal(constraints.get('Odd')?.constraintDescription, undefined);
  });

  it('reads nothing from a null section or a null parameter', () => {
    assert.equal(templateConstraints(undefined).size, 0);
    assert.equal(templateConstraints({ Parameters: null }).size, 0);
    assert.deepEqual([...templateConstraints({ Parameters: { Bad: null, Good: {} } }).keys()], ['Good']);
  });

  it('tags: keys and values are trimmed, Type is the installer’s too, and a problem quotes the pair as typed', () => {
    assert.deepEqual(parseTags(' team = web , cost= 42 ').tags, { team: 'web', cost: '42' });
    assert.deepEqual(parseTags('Type=app'), {
      tags: {},
      problem: 'The tag Type is set by the installer (System=convox, Type=rack).',
    });
    assert.deepEqual(parseTags('team=web,  oops  '), { tags: { team: 'web' }, problem: '"oops" is not Key=Value.' });
    assert.equal(parseTags(' = x').problem, '"= x" is not Key=Value.');
  });
});
