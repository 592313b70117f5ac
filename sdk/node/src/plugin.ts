// Base classes plugin authors extend (one per plugin kind), and the dispatch both servers (HTTP, gRPC) share:
// validation → handler → reply envelope; a thrown error becomes success:false and the server keeps serving.
import { performance } from 'node:perf_hooks';
import type {
  AuthCredentials, AuthResult, Capabilities, DataQuery, DataResult, Envelope, Operation, PluginContext,
  ResponseData, ResponseRequest, TemplateFunction,
} from './types';
import { serveGrpc } from './grpc-server';
import type { GrpcServeOptions } from './grpc-server';
import { serveHttp } from './http-server';
import type { HttpServeOptions } from './http-server';
import type { RunningServer } from './server';
import { validateRequest } from './validate';

/** A failure the plugin reports on purpose, with a code from the protocol's list. */
export class PluginError extends Error {
  constructor(message: string, readonly code: 'plugin_error' | 'bad_input' | 'unauthorized' = 'plugin_error', readonly details?: Record<string, unknown>) {
    super(message);
  }
}

export interface DispatchResult {
  /** HTTP status: 200 for every envelope the plugin produced (success or not), 400 invalid input, 404 unsupported. */
  status: number;
  envelope: Envelope;
}

export abstract class MockForgePlugin {
  authenticate?(context: PluginContext, credentials: AuthCredentials): Promise<AuthResult> | AuthResult;
  listFunctions?(): Promise<TemplateFunction[]> | TemplateFunction[];
  executeFunction?(functionName: string, args: unknown[], context: PluginContext | undefined): Promise<unknown> | unknown;
  generateResponse?(context: PluginContext, request: ResponseRequest): Promise<ResponseData> | ResponseData;
  query?(query: DataQuery, context: PluginContext | undefined): Promise<DataResult> | DataResult;
  getCapabilities?(): Promise<Capabilities> | Capabilities;

  /** Called with every uncaught handler error (default: printed on stderr). */
  onError(operation: Operation, error: unknown): void {
    process.stderr.write(`mockforge plugin: ${operation} failed: ${(error as Error)?.stack ?? String(error)}\n`);
  }

  /** Serves HTTP/JSON on host:port (default 127.0.0.1:8080; port 0 picks a free one). */
  listen(port = 8080, host = '127.0.0.1', options: HttpServeOptions = {}): Promise<RunningServer> {
    return serveHttp(this, { ...options, port, host });
  }

  /** Serves gRPC (mockforge.plugin.v1.PluginService) on host:port (default 127.0.0.1:50051; port 0 picks a free one). */
  serveGrpc(port = 50051, host = '127.0.0.1', options: GrpcServeOptions = {}): Promise<RunningServer> {
    return serveGrpc(this, { ...options, port, host });
  }

  /** Runs one operation on a parsed request body. Never throws. */
  async dispatch(operation: Operation, body: unknown): Promise<DispatchResult> {
    const invalid = validateRequest(operation, body);
    if (invalid) return { status: 400, envelope: { success: false, error: { code: 'bad_input', message: `${operation}: ${invalid}` } } };
    const b = body as Record<string, unknown>;
    const ctx = b.context as PluginContext | undefined;
    let call: (() => unknown) | undefined;
    switch (operation) {
      case 'authenticate':
        if (this.authenticate) call = () => this.authenticate!(ctx ?? emptyContext(), b.credentials as AuthCredentials);
        break;
      case 'list_functions':
        if (this.listFunctions) call = async () => ({ functions: (await this.listFunctions!()).map(withDescriptorDefaults) });
        break;
      case 'execute_function':
        // WIT function-result: the value travels as {result: <json>}.
        if (this.executeFunction) call = async () => ({ result: (await this.executeFunction!(b.function_name as string, (b.args as unknown[]) ?? [], ctx)) ?? null });
        break;
      case 'generate_response':
        if (this.generateResponse) call = () => this.generateResponse!(ctx ?? emptyContext(), (b.request as ResponseRequest) ?? {});
        break;
      case 'query':
        if (this.query) {
          call = async () => {
            const t0 = performance.now();
            const result = await this.query!(b.query as DataQuery, ctx);
            // execution_time_ms is required on the wire; measure it when the plugin does not say.
            if (!result || typeof result !== 'object') return result;
            return {
              ...result,
              columns: result.columns?.map((c) => ({ data_type: 'any', nullable: true, ...c })),
              execution_time_ms: result.execution_time_ms ?? Math.round(performance.now() - t0),
            };
          };
        }
        break;
      case 'get_capabilities':
        call = async () => (this.getCapabilities ? this.getCapabilities() : { types: this.kinds(), metadata: { operations: this.operations() } });
        break;
    }
    if (!call) {
      return { status: 404, envelope: { success: false, error: { code: 'unsupported_operation', message: `this plugin does not implement ${operation}` } } };
    }
    try {
      const result = await call();
      return { status: 200, envelope: { success: true, result: result === undefined ? null : result } };
    } catch (err) {
      if (err instanceof PluginError) {
        return { status: 200, envelope: { success: false, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } } };
      }
      this.onError(operation, err);
      const message = err instanceof Error ? err.message : String(err);
      return { status: 200, envelope: { success: false, error: { code: 'plugin_error', message } } };
    }
  }

  /** The plugin kinds this plugin implements, from its methods. */
  kinds(): Array<'auth' | 'template' | 'response' | 'datasource'> {
    const kinds: Array<'auth' | 'template' | 'response' | 'datasource'> = [];
    if (this.authenticate) kinds.push('auth');
    if (this.listFunctions || this.executeFunction) kinds.push('template');
    if (this.generateResponse) kinds.push('response');
    if (this.query) kinds.push('datasource');
    return kinds;
  }

  /** The operations this plugin implements. */
  operations(): Operation[] {
    const ops: Operation[] = [];
    if (this.authenticate) ops.push('authenticate');
    if (this.listFunctions) ops.push('list_functions');
    if (this.executeFunction) ops.push('execute_function');
    if (this.generateResponse) ops.push('generate_response');
    if (this.query) ops.push('query');
    ops.push('get_capabilities');
    return ops;
  }
}

/** The protocol requires every descriptor field; plugins may leave out the obvious ones. */
function withDescriptorDefaults(fn: TemplateFunction): TemplateFunction {
  return {
    description: '',
    return_type: 'any',
    examples: [],
    pure: false,
    ...fn,
    parameters: (fn.parameters ?? []).map((p) => ({ param_type: 'any', description: '', required: false, var_args: false, ...p })),
  };
}

function emptyContext(): PluginContext {
  return { method: '', uri: '', headers: {} };
}

export abstract class AuthPlugin extends MockForgePlugin {
  abstract override authenticate(context: PluginContext, credentials: AuthCredentials): Promise<AuthResult> | AuthResult;
}

export abstract class TemplatePlugin extends MockForgePlugin {
  abstract override listFunctions(): Promise<TemplateFunction[]> | TemplateFunction[];
  abstract override executeFunction(functionName: string, args: unknown[], context: PluginContext | undefined): Promise<unknown> | unknown;
}

export abstract class ResponsePlugin extends MockForgePlugin {
  abstract override generateResponse(context: PluginContext, request: ResponseRequest): Promise<ResponseData> | ResponseData;
}

export abstract class DataSourcePlugin extends MockForgePlugin {
  abstract override query(query: DataQuery, context: PluginContext | undefined): Promise<DataResult> | DataResult;
}
