/** The part after the last `/`: an ECS service's name in its ARN, a task's id in its ARN. */
export function lastSegment(arnOrName: string): string {
  return arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
}

/** An ELBv2 load balancer's name in its ARN (`…:loadbalancer/app/<name>/<hash>`); the value itself when not such an ARN. */
export function loadBalancerName(arn: string): string {
  const match = /:loadbalancer\/(?:app|net|gwy)\/([^/]+)\/[^/]+$/.exec(arn);
  return match ? match[1] : arn;
}
