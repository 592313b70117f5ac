// plugin.runtime against the sections present: a remote plugin needs `remote:`, a wasm plugin ignores it, …
import { CODES, Severity, diag, type Fix, type ManifestDiagnostic } from '../diagnostic';
import { addKeyEdit } from '../edits';
import { locate, scalarInnerRange } from '../paths';
import { isScalar } from 'yaml';
import { get, has, keyAt, runtimeOf, valueAt, type Rule, type RuleContext } from './context';

const SECTION_OF: Record<string, string> = { wasm: 'wasm', remote: 'remote', pyodide: 'pyodide' };

function setRuntimeFix(ctx: RuleContext, runtime: string): Fix | undefined {
  const path = ['plugin', 'runtime'];
  const node = locate(ctx.doc, path).found.node;
  if (node && isScalar(node)) {
    const range = scalarInnerRange(ctx.doc, node);
    return range ? { title: `Set runtime: ${runtime}`, edits: [{ range, newText: runtime }] } : undefined;
  }
  const edit = has(ctx, ['plugin']) ? addKeyEdit(ctx.doc, ['plugin'], 'runtime', runtime) : undefined;
  return edit ? { title: `Set runtime: ${runtime}`, edits: [edit] } : undefined;
}

export const runtimeSectionsRule: Rule = (ctx) => {
  const out: ManifestDiagnostic[] = [];
  const runtime = runtimeOf(ctx.root);
  if (!(runtime in SECTION_OF)) return out;
  const declared = get(ctx.root, ['plugin', 'runtime']) !== undefined;
  const where = () => (declared ? valueAt(ctx, ['plugin', 'runtime']) : keyAt(ctx, ['plugin']));
  const own = SECTION_OF[runtime];
  if (own !== 'wasm' && ctx.root[own] === undefined) {
    const edit = addKeyEdit(ctx.doc, [], own);
    out.push(diag(where(), Severity.Error, CODES.runtimeSections, `a ${runtime} plugin needs a \`${own}:\` section`,
      { fixes: edit ? [{ title: `Add a \`${own}:\` section`, edits: [edit], preferred: true }] : [] }));
  }
  for (const other of Object.values(SECTION_OF)) {
    if (other === own || ctx.root[other] === undefined) continue;
    const fix = setRuntimeFix(ctx, other);
    const why = declared ? `plugin.runtime is \`${runtime}\`` : 'plugin.runtime defaults to `wasm`';
    out.push(diag(keyAt(ctx, [other]), Severity.Warning, CODES.runtimeSections,
      `the \`${other}:\` section is ignored because ${why} — set \`runtime: ${other}\` or remove the section`,
      { fixes: fix ? [fix] : [] }));
  }
  return out;
};
