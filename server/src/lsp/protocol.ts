// Everything that crosses the client ↔ server boundary beyond standard LSP, declared once (the client imports it).

/** Client command the "not built yet" diagnostic and its code action run; argument: `{ plugin: <plugin.yaml path> }`. */
export const BUILD_COMMAND = 'mockforge.buildPlugin';

/** Settings section the server reads (workspace/configuration and didChangeConfiguration). */
export const SETTINGS_SECTION = 'mockforge';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** `mockforge.*` settings the server uses. */
export interface ServerSettings {
  manifest: {
    /** Diagnostics, completion, hover … for plugin.yaml. Default true. */
    enable: boolean;
    /**
     * Per-code severity overrides, e.g. `{ "manifest/insecure-http": "error", "yaml/syntax": "off" }`.
     * With Red Hat YAML installed, `"yaml/syntax": "off"` leaves YAML syntax errors to it (no duplicates).
     */
    severity: Record<string, SeverityName>;
  };
}

export const DEFAULT_SETTINGS: ServerSettings = { manifest: { enable: true, severity: {} } };

/** Notification the server sends after validating a document (the client may show it in its status bar). */
export const VALIDATION_STATUS = 'mockforge/validationStatus';

export interface ValidationStatusParams {
  uri: string;
  /** How long the diagnostics took, in milliseconds. */
  validationTimeMs: number;
  errors: number;
  warnings: number;
}
