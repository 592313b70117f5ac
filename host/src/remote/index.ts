// Remote plugins: services called over HTTP/JSON or gRPC behind the PluginRuntime interface.
export { createRemoteRuntime, unreachableHint } from './runtime';
export type { RemoteRuntime, RemoteRuntimeOptions } from './runtime';
export { RemoteConfigError, resolveRemoteConfig, isLoopbackHost } from './config';
export type { RemoteConfig } from './config';
export type { HealthState, HealthStatus } from './health';
