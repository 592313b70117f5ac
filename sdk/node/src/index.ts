// @mockforge/plugin-sdk: write a MockForge remote plugin in TypeScript/JavaScript, served over HTTP or gRPC.
export { MockForgePlugin, AuthPlugin, TemplatePlugin, ResponsePlugin, DataSourcePlugin, PluginError } from './plugin';
export type { DispatchResult } from './plugin';
export { serveHttp } from './http-server';
export type { HttpServeOptions } from './http-server';
export { serveGrpc } from './grpc-server';
export type { GrpcServeOptions } from './grpc-server';
export { ProtoCodec, findProto, loadPluginProto, JSON_TEXT_FIELDS, JSON_MAP_FIELDS } from './grpc-codec';
export type { RunningServer, CommonServeOptions } from './server';
export * from './types';
