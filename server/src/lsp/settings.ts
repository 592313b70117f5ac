// Settings: `mockforge.<feature id>.enable` and `mockforge.<feature id>.severity` (per-code overrides), read at start
// and re-read on every workspace/didChangeConfiguration, so changes apply without a restart.
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import { SETTINGS_SECTION, type SeverityName } from './protocol';

export interface FeatureSettings {
  enable: boolean;
  severity: Record<string, SeverityName>;
}

export type AllSettings = Record<string, Partial<FeatureSettings> | undefined>;

const LEVELS: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export class Settings {
  private current: AllSettings = {};

  /** Pull model when the client supports it; otherwise the settings pushed with didChangeConfiguration. */
  async reload(connection: Connection, pullSupported: boolean, pushed?: unknown): Promise<void> {
    let value: unknown;
    if (pullSupported) {
      try {
        value = await connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch {
        value = undefined;
      }
    }
    if (value === undefined || value === null) {
      const p = pushed as Record<string, unknown> | undefined;
      value = p && typeof p === 'object' && SETTINGS_SECTION in p ? p[SETTINGS_SECTION] : undefined;
    }
    this.current = value && typeof value === 'object' ? value as AllSettings : {};
  }

  set(value: AllSettings): void {
    this.current = value;
  }

  enabled(featureId: string): boolean {
    return this.current[featureId]?.enable !== false;
  }

  /** Applies the per-code overrides of a feature; `off` drops the diagnostic. */
  apply(featureId: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const overrides = this.current[featureId]?.severity;
    if (!overrides || typeof overrides !== 'object') return diagnostics;
    const out: Diagnostic[] = [];
    for (const d of diagnostics) {
      const o = d.code !== undefined ? overrides[String(d.code)] : undefined;
      if (o === 'off') continue;
      out.push(o && o in LEVELS ? { ...d, severity: LEVELS[o as Exclude<SeverityName, 'off'>] } : d);
    }
    return out;
  }
}
