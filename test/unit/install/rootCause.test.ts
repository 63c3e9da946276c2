import * as assert from 'node:assert/strict';
import type { StackEvent } from '../../../src/model/stackEvents';
import { plainReason, rootCause, rootCauseSentence } from '../../../src/model/install/rootCause';

let clock = Date.parse('2026-01-01T10:00:00Z');
function event(logicalId: string, status: string, reason?: string, resourceType = 'AWS::EC2::VPC'): StackEvent {
  clock += 1000;
  return { id: `${logicalId}-${status}-${clock}`, at: new Date(clock), logicalId, resourceType, status, reason };
}
const stack = (status: string, reason?: string): StackEvent =>
  event('prod', status, reason, 'AWS::CloudFormation::Stack');
/** DescribeStackEvents answers newest first. */
const newestFirst = (events: StackEvent[]): StackEvent[] => [...events].reverse();

describe('root cause of a failed stack operation', () => {
  it('is the earliest real failure, not the cascade nor the stack summary', () => {
    const events = newestFirst([
      stack('CREATE_IN_PROGRESS', 'User Initiated'),
      event('Vpc', 'CREATE_IN_PROGRESS'),
      event('Vpc', 'CREATE_COMPLETE'),
      event('ApiBalancer', 'CREATE_IN_PROGRESS', undefined, 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
      event(
        'RouterCertificate',
        'CREATE_FAILED',
        'Resource handler returned message: "The first domain name can be no longer than 64 characters. (Service: Acm, Status Code: 400, Request ID: 1b2c)" (RequestToken: 5e6f-77, HandlerErrorCode: InvalidRequest)',
        'AWS::CertificateManager::Certificate',
      ),
      event('ApiBalancer', 'CREATE_FAILED', 'Resource creation cancelled', 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
      event('Instances', 'CREATE_FAILED', 'Resource creation cancelled', 'AWS::AutoScaling::AutoScalingGroup'),
      stack(
        'ROLLBACK_IN_PROGRESS',
        'The following resource(s) failed to create: [ApiBalancer, Instances, RouterCertificate]. Rollback requested by user.',
      ),
      event('Vpc', 'DELETE_IN_PROGRESS'),
      event('Vpc', 'DELETE_COMPLETE'),
      stack('ROLLBACK_COMPLETE'),
    ]);
    const cause = rootCause(events, 'prod');
    assert.equal(cause?.logicalId, 'RouterCertificate');
    assert.equal(cause?.resourceType, 'AWS::CertificateManager::Certificate');
    assert.equal(cause?.reason, 'The first domain name can be no longer than 64 characters.');
  });

  it('reads what a custom resource said', () => {
    const events = newestFirst([
      stack('CREATE_IN_PROGRESS', 'User Initiated'),
      event('InstancesLifecycleHandler', 'CREATE_COMPLETE', undefined, 'AWS::Lambda::Function'),
      event(
        'RackBuildImage',
        'CREATE_FAILED',
        'Received response status [FAILED] from custom resource. Message returned: image not found in region (RequestId: 3f1a-9)',
        'Custom::EC2AMI',
      ),
      event('Cluster', 'CREATE_FAILED', 'Resource creation cancelled', 'AWS::ECS::Cluster'),
      stack('ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Cluster, RackBuildImage].'),
    ]);
    const cause = rootCause(events, 'prod');
    assert.equal(cause?.logicalId, 'RackBuildImage');
    assert.equal(cause?.reason, 'image not found in region');
  });

  it('picks the earliest of two real failures, even when AWS lists them in the same second', () => {
    const first = event(
      'NatAddress0',
      'CREATE_FAILED',
      'The maximum number of addresses has been reached.',
      'AWS::EC2::EIP',
    );
    const second = { ...first, id: 'x', logicalId: 'NatAddress1' };
    assert.equal(rootCause([second, first], 'prod')?.logicalId, 'NatAddress0');
  });

  it('for a failed delete is the resource that would not go', () => {
    const events = newestFirst([
      stack('DELETE_IN_PROGRESS', 'User Initiated'),
      event(
        'DynamoBuilds',
        'DELETE_FAILED',
        'Resource handler returned message: "Resource cannot be deleted as it is currently protected against deletion." (RequestToken: ab, HandlerErrorCode: InvalidRequest)',
        'AWS::DynamoDB::Table',
      ),
      stack('DELETE_FAILED', 'The following resource(s) failed to delete: [DynamoBuilds].'),
    ]);
    const cause = rootCause(events, 'prod');
    assert.equal(cause?.logicalId, 'DynamoBuilds');
    assert.equal(cause?.status, 'DELETE_FAILED');
    assert.equal(cause?.reason, 'Resource cannot be deleted as it is currently protected against deletion.');
  });

  it('falls back to the stack reason when no resource failed', () => {
    const events = newestFirst([stack('ROLLBACK_IN_PROGRESS', 'Parameters: [Password] must have values')]);
    assert.equal(rootCause(events, 'prod')?.reason, 'Parameters: [Password] must have values');
  });

  it('finds nothing in a healthy history', () => {
    assert.equal(
      rootCause(
        newestFirst([
          stack('CREATE_IN_PROGRESS', 'User Initiated'),
          event('Vpc', 'CREATE_COMPLETE'),
          stack('CREATE_COMPLETE'),
        ]),
        'prod',
      ),
      undefined,
    );
  });

  it('plain words keep a message that has no wrapper', () => {
    assert.equal(
      plainReason('The bucket you tried to delete is not empty'),
      'The bucket you tried to delete is not empty',
    );
  });
});

describe('root cause, edge cases', () => {
  it('skips a failure without a reason and an update’s cascade', () => {
    const events = newestFirst([
      stack('UPDATE_IN_PROGRESS', 'User Initiated'),
      event('Cluster', 'UPDATE_FAILED', undefined, 'AWS::ECS::Cluster'),
      event('Router', 'UPDATE_FAILED', 'Resource update cancelled', 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
      event('ServiceWebApi', 'UPDATE_FAILED', 'Service did not stabilize', 'AWS::ECS::Service'),
      stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Router, ServiceWebApi].'),
    ]);
    assert.equal(rootCause(events, 'prod')?.logicalId, 'ServiceWebApi');
  });

  it('a nested stack that failed is a resource like any other', () => {
    const events = newestFirst([
      stack('CREATE_IN_PROGRESS', 'User Initiated'),
      event('ServiceWeb', 'CREATE_FAILED', 'Embedded stack was not successfully created', 'AWS::CloudFormation::Stack'),
    ]);
    assert.equal(rootCause(events, 'prod')?.logicalId, 'ServiceWeb');
  });

  it('takes no stack status that is not a failure, and no summary or user action as a reason', () => {
    assert.equal(rootCause(newestFirst([stack('ROLLBACK_IN_PROGRESS', 'User Initiated')]), 'prod'), undefined);
    assert.equal(
      rootCause(
        newestFirst([stack('ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [A].')]),
        'prod',
      ),
      undefined,
    );
    assert.equal(rootCause(newestFirst([stack('CREATE_COMPLETE', 'done')]), 'prod'), undefined);
    assert.equal(
      rootCause(newestFirst([stack('DELETE_FAILED', 'Export prod-Vpc is in use by stack app')]), 'prod')?.reason,
      'Export prod-Vpc is in use by stack app',
    );
    assert.equal(
      rootCause(newestFirst([stack('UPDATE_ROLLBACK_IN_PROGRESS', 'Parameter Version is invalid')]), 'prod')?.status,
      'UPDATE_ROLLBACK_IN_PROGRESS',
    );
    assert.equal(rootCause(newestFirst([stack('DELETE_IN_PROGRESS', 'Something')]), 'prod'), undefined);
  });

  it('keeps CloudFormation’s words and time beside the plain ones', () => {
    const failing = event(
      'Logs',
      'CREATE_FAILED',
      'Resource handler returned message: "Bucket exists" (RequestToken: 1, HandlerErrorCode: AlreadyExists)',
      'AWS::S3::Bucket',
    );
    const cause = rootCause([failing], 'prod');
    assert.equal(cause?.rawReason, failing.reason);
    assert.equal(cause?.at, failing.at);
    assert.equal(cause?.status, 'CREATE_FAILED');
    assert.equal(cause && rootCauseSentence(cause), 'Logs (AWS::S3::Bucket) failed: Bucket exists');
  });

  it('plain words drop service, request and handler noise and fold whitespace', () => {
    assert.equal(plainReason('Access Denied (Service: S3, Status Code: 403, Request ID: AB12)'), 'Access Denied');
    assert.equal(plainReason('Failed to create (RequestId: 12-34)'), 'Failed to create');
    assert.equal(plainReason('Limit reached (HandlerErrorCode: ServiceLimitExceeded)'), 'Limit reached');
    assert.equal(plainReason('  two\n  lines  '), 'two lines');
    assert.equal(
      plainReason('Received response status [FAILED] from custom resource. Message returned: bad AMI'),
      'bad AMI',
    );
  });
});

describe('root cause: which events count', () => {
  it('a resource that only reports progress is no cause, whatever its reason says', () => {
    const events = newestFirst([
      stack('CREATE_IN_PROGRESS', 'User Initiated'),
      event('Vpc', 'CREATE_IN_PROGRESS', 'Resource creation Initiated'),
      event('Bucket', 'CREATE_FAILED', 'Bucket name already taken', 'AWS::S3::Bucket'),
      stack('ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Bucket].'),
    ]);
    assert.equal(rootCause(events, 'prod')?.logicalId, 'Bucket');
  });

  it('a stack failure without a reason gives way to a later one that has one', () => {
    const events = newestFirst([
      stack('UPDATE_ROLLBACK_IN_PROGRESS'),
      stack('UPDATE_ROLLBACK_FAILED', 'Export in use'),
    ]);
    const cause = rootCause(events, 'prod');
    assert.equal(cause?.status, 'UPDATE_ROLLBACK_FAILED');
    assert.equal(cause?.reason, 'Export in use');
  });
});

describe('root cause: plain words at the edges of the wrappers', () => {
  it('reads a handler message around spaces and without a request token', () => {
    assert.equal(plainReason('  Resource handler returned message: " Bucket exists "  '), 'Bucket exists');
    assert.equal(plainReason('Resource handler returned message:"Bucket exists"'), 'Bucket exists');
    assert.equal(plainReason('Resource handler returned message: "Bucket exists"(RequestToken: 1)'), 'Bucket exists');
  });

  it('unwraps a handler message only when it is the whole reason', () => {
    assert.equal(
      plainReason('Resource handler returned message: "Bucket exists" etc.'),
      'Resource handler returned message: "Bucket exists" etc.',
    );
    assert.equal(
      plainReason('Embedded stack failed: Resource handler returned message: "Bucket exists"'),
      'Embedded stack failed: Resource handler returned message: "Bucket exists"',
    );
  });

  it('unwraps a custom resource message only at the start, with or without spaces around it', () => {
    assert.equal(
      plainReason('Received response status [FAILED] from custom resource.Message returned:bad AMI'),
      'bad AMI',
    );
    assert.equal(
      plainReason('Nested: Received response status [FAILED] from custom resource. Message returned: bad AMI'),
      'Nested: Received response status [FAILED] from custom resource. Message returned: bad AMI',
    );
  });

  it('drops request tokens and ids anywhere, with or without a space before them', () => {
    assert.equal(plainReason('Rate exceeded (RequestToken: ab-12, HandlerErrorCode: Throttling)'), 'Rate exceeded');
    assert.equal(plainReason('Rate exceeded(RequestToken: ab-12)'), 'Rate exceeded');
    assert.equal(plainReason('Failed to create(RequestId: 12-34)'), 'Failed to create');
    assert.equal(plainReason('Access Denied(Service: S3, Status Code: 403)'), 'Access Denied');
    assert.equal(plainReason('Limit reached(HandlerErrorCode: ServiceLimitExceeded)'), 'Limit reached');
  });

  it('the sentence drops only a closing full stop', () => {
    const failing = event('Images', 'CREATE_FAILED', 'Image v1.2 not found.', 'Custom::EC2AMI');
    const cause = rootCause([failing], 'prod');
    assert.equal(cause && rootCauseSentence(cause), 'Images (Custom::EC2AMI) failed: Image v1.2 not found');
  });
});
