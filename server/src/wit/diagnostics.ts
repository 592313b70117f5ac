// The front end's own diagnostic shape: offsets into one file's text. The LSP layer converts to line/character.
export type Severity = 'error' | 'warning' | 'information';

export interface Diagnostic {
  start: number;
  end: number;
  message: string;
  severity: Severity;
  /** Short rule name, e.g. `unknown-name`, `duplicate`, `cycle` (tests and code actions key on it). */
  code?: string;
}
