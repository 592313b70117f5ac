// Plugin base classes (extend one, override its methods) and the registration calls that hand an instance to the
// ABI exports in abi.ts. AssemblyScript has no exceptions to catch, so a method reports a failure by returning
// `reject<T>(message)`, which becomes `{"success": false, "error": {...}}`.
import { JSONValue } from './json';
import {
  AuthCredentials, AuthResult, DataQuery, DataResult, FunctionDescriptor, PluginContext, ResponseData, ResponseRequest,
} from './types.gen';

export class AuthPlugin {
  authenticate(ctx: PluginContext, credentials: AuthCredentials): AuthResult | null {
    return reject<AuthResult>('authenticate is not implemented', 'unsupported_operation');
  }
}

export class TemplatePlugin {
  listFunctions(): FunctionDescriptor[] { return []; }
  /** `args` are the JSON arguments in order; return the function's value (the SDK sends it as `{result: value}`). */
  executeFunction(name: string, args: JSONValue[], ctx: PluginContext): JSONValue | null {
    return reject<JSONValue>('unknown function ' + name);
  }
}

export class ResponsePlugin {
  generateResponse(ctx: PluginContext, request: ResponseRequest): ResponseData | null {
    return reject<ResponseData>('generateResponse is not implemented', 'unsupported_operation');
  }
}

export class DataSourcePlugin {
  query(query: DataQuery, ctx: PluginContext): DataResult | null {
    return reject<DataResult>('query is not implemented', 'unsupported_operation');
  }
}

// ---------------------------------------------------------------- registration

export let authPlugin: AuthPlugin | null = null;
export let templatePlugin: TemplatePlugin | null = null;
export let responsePlugin: ResponsePlugin | null = null;
export let dataSourcePlugin: DataSourcePlugin | null = null;

export function registerAuthPlugin(p: AuthPlugin): void { authPlugin = p; }
export function registerTemplatePlugin(p: TemplatePlugin): void { templatePlugin = p; }
export function registerResponsePlugin(p: ResponsePlugin): void { responsePlugin = p; }
export function registerDataSourcePlugin(p: DataSourcePlugin): void { dataSourcePlugin = p; }

// ---------------------------------------------------------------- failures

export let pendingErrorCode: string = '';
export let pendingErrorMessage: string = '';

/** Records a failure and returns null: `return reject<AuthResult>("token expired")`. */
export function reject<T>(message: string, code: string = 'plugin_error'): T | null {
  pendingErrorCode = code;
  pendingErrorMessage = message;
  return null;
}

/** Reads and clears the recorded failure (used by the ABI layer). */
export function takeError(): string[] {
  const out = [pendingErrorCode.length > 0 ? pendingErrorCode : 'plugin_error', pendingErrorMessage.length > 0 ? pendingErrorMessage : 'the plugin returned no result'];
  pendingErrorCode = '';
  pendingErrorMessage = '';
  return out;
}
