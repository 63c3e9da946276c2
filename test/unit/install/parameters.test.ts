import * as assert from 'node:assert/strict';
import { crossCheckProblems, offeredParameters, parameterProblem, parseTags, templateConstraints, valuesProblems, type TemplateParameter } from '../../../src/model/install/parameters';

const parameters: TemplateParameter[] = [
  { key: 'Password', type: 'String', noEcho: true, minLength: 1, maxLength: 50 },
  { key: 'Version', type: 'String', noEcho: false },
  { key: 'ApiRouter', type: 'String', noEcho: false, defaultValue: 'ALB' },
  { key: 'Encryption', type: 'String', noEcho: false, defaultValue: 'Yes' },
  { key: 'LogDriver', type: 'String', noEcho: false, defaultValue: 'CloudWatch', allowedValues: ['CloudWatch', 'Syslog', ''] },
  { key: 'SyslogDestination', type: 'String', noEcho: false, defaultValue: '' },
  { key: 'InstanceType', type: 'String', noEcho: false, defaultValue: 't3.small', allowedPattern: '[a-z0-9]+\\.[a-z0-9]+' },
  { key: 'InstanceCount', type: 'Number', noEcho: false, defaultValue: '3', minValue: 3, constraintDescription: 'three or more for high availability' },
  { key: 'HighAvailability', type: 'String', noEcho: false, defaultValue: 'true', allowedValues: ['true', 'false'] },
  { key: 'ScheduleRackScaleDown', type: 'String', noEcho: false, defaultValue: '' },
  { key: 'ScheduleRackScaleUp', type: 'String', noEcho: false, defaultValue: '' },
  { key: 'SubnetCIDRs', type: 'CommaDelimitedList', noEcho: false, defaultValue: '10.0.1.0/24,10.0.2.0/24', allowedValues: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'] },
  { key: 'Key', type: 'String', noEcho: false, defaultValue: '', maxLength: 5 },
];
const byKey = (key: string): TemplateParameter => parameters.find((parameter) => parameter.key === key) as TemplateParameter;

describe('install parameters from a template summary', () => {
  it('never offers the installer’s own parameters nor the unused ApiRouter and Encryption', () => {
    const { common, other } = offeredParameters(parameters);
    const keys = [...common, ...other].map((parameter) => parameter.key);
    for (const hidden of ['Password', 'Version', 'ApiRouter', 'Encryption']) assert.ok(!keys.includes(hidden), hidden);
    assert.deepEqual(common.map((parameter) => parameter.key), ['InstanceType', 'HighAvailability', 'InstanceCount']);
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
    assert.deepEqual(crossCheckProblems({ ScheduleRackScaleDown: '0 18 * * ? *', ScheduleRackScaleUp: '' }), ['ScheduleRackScaleDown and ScheduleRackScaleUp must be set together.']);
    assert.match(crossCheckProblems({ LogDriver: 'Syslog' })[0], /needs SyslogDestination/);
    assert.deepEqual(valuesProblems(parameters, { LogDriver: 'Syslog', SyslogDestination: 'tcp://x:1' }), []);
    assert.match(valuesProblems(parameters, { Nope: '1' })[0], /no parameter Nope/);
    assert.match(valuesProblems(parameters, { ApiRouter: 'ELB' })[0], /set by the installer/);
  });

  it('reads constraints GetTemplateSummary leaves out from the template itself', () => {
    const constraints = templateConstraints({ Parameters: { InstanceCount: { Type: 'Number', MinValue: '3' }, Key: { AllowedPattern: '[a-z]*', MaxLength: 5 } } });
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
