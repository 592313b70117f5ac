// The closed list of error codes a reply envelope may carry. docs/protocol.md documents each one.

export const ERROR_CODES = {
  plugin_error: 'The plugin ran and reported a failure of its own.',
  trap: 'The WebAssembly module trapped (unreachable, out-of-bounds access, stack overflow, abort).',
  timeout: 'The call did not finish within timeout_ms / max_cpu_time_ms and was stopped.',
  memory_limit: 'The plugin tried to grow its memory beyond max_memory_bytes.',
  bad_output: 'The plugin returned something that is not a valid reply envelope (bad JSON, bad pointer, over 16 MiB).',
  bad_input: 'The request body is not valid for the operation.',
  missing_export: 'The module does not export a required function (the operation, memory or an allocator).',
  unsupported_operation: 'The plugin does not implement the requested operation.',
  capability_denied: 'The plugin asked for something its manifest does not grant (network, filesystem).',
  load_failed: 'The plugin could not be loaded (unreadable file, invalid module, unknown import, bad manifest).',
  remote_unreachable: 'The remote plugin service refused or dropped the connection.',
  remote_status: 'The remote plugin service answered with an unexpected HTTP status or gRPC status.',
  bad_response: 'The remote plugin service answered with something that is not a reply envelope.',
  unauthorized: 'The remote plugin service rejected our credentials (HTTP 401/403).',
  internal: 'A bug in the host itself; please report it.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
