// Source-line stepping on top of V8's instruction steps: after each CDP step the adapter asks `nextStep` whether the
// step is done (stop and tell the editor) or needs another CDP step, until the mapped source line changes or the
// function returns. Depth counts the plugin's wasm frames only, so host frames below or a host import above it
// (the plugin calling into the host) do not count as calls.

export type StepKind = 'next' | 'stepIn' | 'stepOut';

export interface StepStart {
  kind: StepKind;
  depth: number;
  source?: number | string;
  line?: number;
}

export interface StepPoint {
  /** Plugin wasm frames on the stack. */
  depth: number;
  /** The top frame is in the plugin's module. */
  inPlugin: boolean;
  /** Where the top frame is in source, when it maps. */
  source?: number | string;
  line?: number;
}

/** What to do after a CDP step landed at `at`. */
export type StepDecision = 'stop' | 'stepOver' | 'stepInto' | 'stepOut' | 'resume';

export function nextStep(start: StepStart, at: StepPoint): StepDecision {
  if (!at.inPlugin) {
    // In a host import the plugin called: back out to the plugin. No plugin frame left: the plugin returned to the
    // host, whose frames are not shown, so the program just runs on.
    return at.depth > 0 ? 'stepOut' : 'resume';
  }
  if (at.line === undefined) {
    // An instruction the map does not cover: keep going the same way until one it does.
    if (start.kind === 'stepOut') return at.depth < start.depth ? 'stepOver' : 'stepOut';
    return start.kind === 'stepIn' ? 'stepInto' : 'stepOver';
  }
  switch (start.kind) {
    case 'next':
      if (at.depth < start.depth) return 'stop';
      if (at.depth > start.depth) return 'stepOut';
      return at.line !== start.line || at.source !== start.source ? 'stop' : 'stepOver';
    case 'stepIn':
      if (at.depth !== start.depth) return 'stop';
      return at.line !== start.line || at.source !== start.source ? 'stop' : 'stepInto';
    case 'stepOut':
      return at.depth < start.depth ? 'stop' : 'stepOut';
  }
}
