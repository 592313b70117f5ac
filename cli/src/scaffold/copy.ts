// Copies a template into a project: placeholders substituted, `gitignore` renamed to `.gitignore` (npm and vsce
// drop dot-gitignore files from packages), an existing different file is never overwritten (the template's version
// goes next to it as <file>.mockforge-new, and the caller reports it).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface CopyReport {
  created: string[];
  /** Existing files that differ from the template: kept, template version written beside them. */
  kept: Array<{ file: string; alternative: string }>;
  /** Existing files identical to what the template would write. */
  unchanged: string[];
}

export interface CopyOptions {
  /** Placeholder → value, applied to every text file (`__PLUGIN_ID__` style keys). */
  values?: Record<string, string>;
  exclude?: (relative: string) => boolean;
}

const RENAMES: Record<string, string> = { gitignore: '.gitignore' };
const SKIP = new Set(['template.json', 'node_modules', 'build', 'go.sum']);

export function copyTree(from: string, to: string, report: CopyReport, options: CopyOptions = {}, rel = ''): void {
  for (const name of readdirSync(path.join(from, rel)).sort()) {
    const relative = rel ? `${rel}/${name}` : name;
    if ((rel === '' && SKIP.has(name)) || options.exclude?.(relative)) continue;
    const source = path.join(from, relative);
    if (statSync(source).isDirectory()) {
      copyTree(from, to, report, options, relative);
      continue;
    }
    const targetRel = path.join(rel, RENAMES[name] ?? name);
    writeOne(path.join(to, targetRel), substitute(readFileSync(source), options.values), report, path.relative(to, path.join(to, targetRel)));
  }
}

function substitute(content: Buffer, values: Record<string, string> | undefined): Buffer {
  if (!values || content.includes(0)) return content; // binary files are copied as they are
  let text = content.toString('utf8');
  for (const [key, value] of Object.entries(values)) text = text.split(key).join(value);
  return Buffer.from(text, 'utf8');
}

function writeOne(target: string, content: Buffer, report: CopyReport, display: string): void {
  if (existsSync(target)) {
    if (readFileSync(target).equals(content)) {
      report.unchanged.push(display);
      return;
    }
    const alternative = `${target}.mockforge-new`;
    writeFileSync(alternative, content);
    report.kept.push({ file: display, alternative: `${display}.mockforge-new` });
    return;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content, { flag: 'wx' });
  report.created.push(display);
}
