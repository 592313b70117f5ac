// What the remote runtime needs from a wire protocol (HTTP/JSON or gRPC): one attempt at one operation, a health
// probe, and closing its connections. Retries, queueing and logging live above this, shared by both.
import type { Envelope } from '../contract/envelope';
import type { Operation } from '../contract/operations';

export interface AttemptInfo {
  /** What was called, for logs: "POST http://127.0.0.1:8080/plugin/authenticate". */
  target: string;
  /** HTTP status or gRPC status name, when there was one. */
  status?: string;
}

export interface Transport {
  /** Human-readable description of the endpoint ("http://127.0.0.1:8080", "grpc 127.0.0.1:50051"). */
  readonly description: string;
  /** One attempt. Resolves with the plugin's envelope; throws AttemptFailure for anything else. */
  attempt(operation: Operation, input: unknown, timeoutMs: number, signal?: AbortSignal): Promise<{ envelope: Envelope; info: AttemptInfo }>;
  /** Resolves when the service reports healthy within timeoutMs; throws AttemptFailure otherwise. */
  probeHealth(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
