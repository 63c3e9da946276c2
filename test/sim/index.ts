// The simulator's public surface for tests, the benchmark and the demo.
export { awsConfigFor, writeAwsConfig, type AwsConfigFiles, type AwsConfigWritten } from './awsconfig';
export {
  architectureAccount,
  architectureProfile,
  architectureRegion,
  architectureScenario,
  hostileText,
  type ArchitectureScenarioOptions,
} from './scenarios/architecture';
export {
  benchRegions,
  benchScenario,
  bigRackScenario,
  type BenchOptions,
  type BigRackOptions,
} from './scenarios/bench';
export { defaultAccounts, defaultKeys, defaultScenario, type DefaultScenarioOptions } from './scenarios/default';
export { addSeconds, type Place } from './scenarios/ids';
export { defaultInstallWorld, defaultReleases, rackTemplate, releaseVersions } from './scenarios/install';
export type { Failure, ResourceSpec } from './scenarios/lifecycle';
export {
  rack,
  type AppOptions,
  type ProcessOptions,
  type RackOptions,
  type ResourceStackOptions,
} from './scenarios/rack';
export { installerAuth, rack2021, rack2021Version, type Rack2021Options } from './scenarios/rack2021';
export { emptyRegion, merge } from './scenarios/region';
export {
  diagnoseAccount,
  diagnoseProfile,
  diagnoseRacks,
  diagnoseRegion,
  diagnoseScenario,
  memberOfMessage,
  noCapacityMessage,
  noCpuMessage,
  noPortMessage,
  olderUpdateReason,
  unhealthyTargetMessage,
  unplaceableMessage,
  unsupportedZoneMessage,
  vcpuLimitMessage,
} from './scenarios/diagnose';
export {
  logGroupName,
  logsGroupOf,
  logsPageSize,
  logsProfile,
  logsRack,
  logsRegion,
  logsScenario,
  rackLogLines,
  rackStreams,
} from './scenarios/logs';
export { secretEnvironment, secretMarkers, secretsScenario } from './scenarios/secrets';
export {
  accessKeyIdFor,
  scenario,
  type ProfileSpec,
  type RegionBuilder,
  type ScenarioSpec,
} from './scenarios/scenario';
export { outputs, parameters, stack, type StackOptions } from './scenarios/stack';
export { startSimulator, type Simulator, type SimulatorOptions } from './server';
export { sameNameAccounts, sameNameAccountsScenario, sameNameRegionsScenario } from './scenarios/sameName';
export { rackPasswordMarker, switchScenario } from './scenarios/switch';
export { updateRacks, updateScenario } from './scenarios/update';
export {
  kubeconfigFor,
  startKubernetesApi,
  v3RackNamespace,
  type KubernetesApi,
  type SimulatedNamespace,
} from './kubernetes';
export type * from './types';
export type { Where, World } from './world';
export { alertsAccount, alertsProfile, alertsRackName, alertsRacks, alertsScenario } from './scenarios/alerts';
