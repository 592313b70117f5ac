// A faithful reading of how VS Code applies a contributed problem matcher to task output (single- and multi-line
// patterns, severity words, autoDetect file locations, ANSI codes stripped), so the matchers in package.json can be
// tested against real compiler output without an editor.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PatternJson {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  code?: number;
  message?: number;
}

export interface MatcherJson {
  name: string;
  owner: string;
  severity?: string;
  fileLocation?: string | string[];
  pattern: PatternJson | PatternJson[];
}

export interface Problem {
  file: string;
  line: number;
  column?: number;
  severity: 'error' | 'warning' | 'info';
  code?: string;
  message: string;
}

export function loadMatchers(packageJsonPath: string): Map<string, MatcherJson> {
  const pkg = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as { contributes: { problemMatchers: MatcherJson[] } };
  return new Map(pkg.contributes.problemMatchers.map((m) => [m.name, m]));
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g; // eslint-disable-line no-control-regex

/** `cwd`: the folder relative paths resolve against (VS Code: the workspace folder). */
export function applyMatcher(matcher: MatcherJson, output: string, cwd: string): Problem[] {
  const patterns = Array.isArray(matcher.pattern) ? matcher.pattern : [matcher.pattern];
  const regexes = patterns.map((p) => new RegExp(p.regexp));
  const problems: Problem[] = [];
  let data: Partial<Record<keyof Omit<PatternJson, 'regexp'>, string>> = {};
  let next = 0;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(ANSI, '');
    let m = regexes[next].exec(line);
    if (!m && next > 0) {
      // The sequence broke: start over, this line may begin a new problem.
      next = 0;
      data = {};
      m = regexes[0].exec(line);
    }
    if (!m) continue;
    for (const key of ['file', 'line', 'column', 'severity', 'code', 'message'] as const) {
      const group = patterns[next][key];
      if (group !== undefined && m[group] !== undefined) data[key] = m[group];
    }
    next++;
    if (next === regexes.length) {
      if (data.file && data.line && data.message) problems.push(toProblem(matcher, data, cwd));
      next = 0;
      data = {};
    }
  }
  return problems;
}

function toProblem(matcher: MatcherJson, data: Partial<Record<string, string>>, cwd: string): Problem {
  return {
    file: locate(matcher, data.file!, cwd),
    line: Number(data.line),
    ...(data.column ? { column: Number(data.column) } : {}),
    severity: severity(data.severity, matcher.severity),
    ...(data.code ? { code: data.code } : {}),
    message: data.message!,
  };
}

function severity(word: string | undefined, fallback: string | undefined): Problem['severity'] {
  const w = (word ?? '').toLowerCase();
  if (w === 'error' || w === 'e') return 'error';
  if (w === 'warning' || w === 'warn' || w === 'w') return 'warning';
  if (w === 'info' || w === 'i' || w === 'hint') return 'info';
  return (fallback as Problem['severity'] | undefined) ?? 'error';
}

function locate(matcher: MatcherJson, file: string, cwd: string): string {
  const loc = Array.isArray(matcher.fileLocation) ? matcher.fileLocation : [matcher.fileLocation ?? 'relative'];
  if (loc[0] === 'absolute' || path.isAbsolute(file)) return path.normalize(file);
  // Relative paths resolve against the workspace folder (`${workspaceFolder}` / `${cwd}` are both that in VS Code).
  return path.resolve(cwd, file);
}
