// The JSON shapes of mockforge.http_fetch (docs/abi.md §3).
export interface FetchRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  body_base64?: string;
  timeout_ms?: number;
}

export interface FetchResult {
  status: number;
  headers: Record<string, string>;
  body?: string;
  body_base64?: string;
}

export const MAX_FETCH_BODY_BYTES = 4 * 1024 * 1024;
