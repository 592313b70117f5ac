// @mockforge/plugin-sdk for AssemblyScript: write a MockForge plugin as a class, register it, and re-export the
// ABI functions from './abi' in your entry file. See README.md.
export { JSONValue, JSONKind, JSONParseResult, parseJSON, quote, formatNumber } from './json';
// The wire types, generated from wit/ by `mockforge-plugin codegen` (the core ABI's own http_fetch JSON is host.ts's).
export {
  Box, PluginContext, AuthCredentials, AuthResult, UserIdentity, FunctionParameter, FunctionDescriptor, FunctionList,
  FunctionResult, ResponseRequest, ResponseData, QueryType, SortDirection, SortField, QueryFilter, DataQuery, DataRow,
  ColumnInfo, DataResult, LogLevel, ErrorCode, PluginError, decodeError, clearDecodeError,
} from './types.gen';
export {
  header, jsonMap, Authenticated, Rejected, TemplateFunction, MockResponse, Column, Row, QueryResult,
} from './builders';
export {
  AuthPlugin, TemplatePlugin, ResponsePlugin, DataSourcePlugin, registerAuthPlugin, registerTemplatePlugin,
  registerResponsePlugin, registerDataSourcePlugin, reject,
} from './plugin';
export { log, logInfo, logWarn, logError, logDebug, configGet, configGetOr, httpFetch, HttpResponse } from './host';
export { base64Encode, base64EncodeString, base64Decode } from './base64';
