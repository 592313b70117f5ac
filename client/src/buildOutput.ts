// Compilers print source paths relative to the folder they ran in (the plugin's), but VS Code resolves a problem
// matcher's relative paths against the workspace folder (`${cwd}` is VS Code's own start folder, not the task's).
// The build task therefore relays compiler output through dist/build-relay.js, which makes relative source paths
// absolute, so $mockforge-asc/-go/-tinygo locate problems in any plugin of a multi-plugin workspace.
// No vscode import (unit-tested).
import * as path from 'node:path';

const LOCATIONS: readonly RegExp[] = [
  // asc:         "   └─ in assembly/index.ts(11,25)"
  /^(\s+\S+ in )(.+?)(\(\d+,\d+\)\s*)$/,
  // go / tinygo: "./main.go:4:2: declared and not used: x"
  /^(\s*)((?:\.\/)?[^\s:#][^:]*\.go)(:\d+(?::\d+)?: .*)$/,
  // rustc:       "  --> src/lib.rs:3:5"
  /^(\s*--> )([^:]+)(:\d+:\d+.*)$/,
  // clang:       "src/plugin.c:7:3: error: ..."
  /^()([^\s:][^:]*\.(?:c|h|cc|cpp|hpp))(:\d+:\d+: .*)$/,
];

export function anchorLine(line: string, dir: string): string {
  for (const re of LOCATIONS) {
    const m = re.exec(line);
    if (m) return path.isAbsolute(m[2]) ? line : `${m[1]}${path.join(dir, m[2])}${m[3]}`;
  }
  return line;
}

/** Splits a byte stream into lines (a chunk may end mid-line) and anchors each complete line. */
export class LineAnchorer {
  private pending = '';

  constructor(private readonly dir: string, private readonly emit: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.pending + chunk).split(/\r?\n/);
    this.pending = parts.pop() ?? '';
    for (const p of parts) this.emit(anchorLine(p, this.dir));
  }

  end(): void {
    if (this.pending) this.emit(anchorLine(this.pending, this.dir));
    this.pending = '';
  }
}
