// @mockforge/plugin-sdk for AssemblyScript: write a MockForge plugin as a class, register it, and re-export the
// ABI functions from './abi' in your entry file. See README.md.
export { JSONValue, JSONKind, JSONParseResult, parseJSON, quote, formatNumber } from './json';
export {
  PluginContext, AuthCredentials, AuthResult, FunctionParameter, FunctionDescriptor, ResponseRequest, ResponseData,
  DataFilter, DataQuery, DataColumn, DataResult,
} from './types';
export {
  AuthPlugin, TemplatePlugin, ResponsePlugin, DataSourcePlugin, registerAuthPlugin, registerTemplatePlugin,
  registerResponsePlugin, registerDataSourcePlugin, reject,
} from './plugin';
export { LogLevel, log, logInfo, logWarn, logError, logDebug, configGet, configGetOr, httpFetch, HttpResponse } from './host';
export { base64Encode, base64EncodeString, base64Decode } from './base64';
