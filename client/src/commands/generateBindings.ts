// Generate Bindings from WIT…: picks a WIT package (folder) or file, a language and an output folder, runs
// `mockforge-plugin codegen` (the same generator as the command line) and opens the generated file. WIT errors land
// in Problems at their file, line and column, and the notification names the first one.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandSpec, Ctx } from '../ctx';
import { BINDING_LANGUAGES, isBindingLanguage, languageForPlugin, parseLocatedErrors, parseWrittenFile, type BindingLanguage } from '../codegenOutput';
import { findPlugins, pluginOf, toUri } from '../plugins';

export interface GenerateBindingsOptions {
  /** WIT file or package folder. */
  wit?: string;
  language?: string;
  /** Output folder (created). */
  out?: string;
  /** Open the generated file afterwards (default true). */
  open?: boolean;
  /** Go package clause (default mockforge). */
  goPackage?: string;
}

export interface GenerateBindingsResult {
  file: string;
  language: BindingLanguage;
  output: string;
}

export const generateBindings: CommandSpec = {
  id: 'mockforge.generateBindings',
  // Menus pass (resource, selected resources); callers may pass (resource, options).
  run: (ctx, arg?: unknown, second?: unknown) => run(ctx, arg, isPlainObject(second) ? second as GenerateBindingsOptions : undefined),
};

function isPlainObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof vscode.Uri);
}

const TITLE = 'Generate Bindings from WIT';

async function run(ctx: Ctx, arg: unknown, withUri?: GenerateBindingsOptions): Promise<GenerateBindingsResult | undefined> {
  const options: GenerateBindingsOptions = arg instanceof vscode.Uri || arg === undefined || typeof arg === 'string' ? withUri ?? {} : (arg as GenerateBindingsOptions);
  // From a menu (a URI): a .wit file that shares its folder with others is part of that package, which only resolves
  // as a whole. A path given in the options is taken as it is.
  const wit = arg instanceof vscode.Uri ? await packageOf(arg) : toUri(typeof arg === 'string' ? arg : options.wit) ?? (await pickWit());
  if (!wit) return undefined;
  let isDir: boolean;
  try {
    isDir = (await vscode.workspace.fs.stat(wit)).type === vscode.FileType.Directory;
  } catch {
    throw new Error(`${TITLE}: ${wit.fsPath} does not exist.`);
  }
  const owner = pluginOf(wit, await findPlugins());
  if (options.language !== undefined && !isBindingLanguage(options.language)) {
    throw new Error(`${TITLE}: unknown language "${options.language}" (one of ${BINDING_LANGUAGES.map((l) => l.id).join(', ')}).`);
  }
  const language = options.language ?? (await pickLanguage(owner && languageForPlugin(owner)));
  if (!language) return undefined;
  const out = options.out ?? (await pickOutput(owner?.dir ?? (isDir ? path.dirname(wit.fsPath) : path.dirname(path.dirname(wit.fsPath)))));
  if (!out) return undefined;

  const cwd = vscode.workspace.getWorkspaceFolder(wit)?.uri.fsPath ?? (isDir ? wit.fsPath : path.dirname(wit.fsPath));
  const args = ['codegen', '--wit', wit.fsPath, '--lang', language, '--out', out, ...(options.goPackage ? ['--go-package', options.goPackage] : [])];
  ctx.codegenProblems.clear();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `MockForge: generating ${language} bindings` },
    () => ctx.engine.runAvailable(args, { cwd }),
  );
  const output = `${result.stdout}${result.stderr}`.trimEnd();
  ctx.outputs.build.appendLine(`── ${TITLE}: ${path.basename(wit.fsPath)}${isDir ? '/' : ''} → ${language} in ${out}`);
  if (output) ctx.outputs.build.appendLine(output);
  if (result.code !== 0) {
    const errors = parseLocatedErrors(result.stderr, cwd);
    if (errors.length === 0) throw new Error(`${TITLE}: ${result.stderr.trim() || `codegen exited with ${result.code}`}`);
    ctx.codegenProblems.set(errors);
    const first = errors[0];
    const where = `${vscode.workspace.asRelativePath(first.file)}:${first.line}:${first.col}`;
    // Shown with a way to the spot; a caller passing options also gets the rejection (registerCommands rethrows).
    void vscode.window.showErrorMessage(`${TITLE}: ${errors.length} error(s) in the WIT; first at ${where}: ${first.message}`, 'Go to Error', 'Show Problems').then((action) => {
      if (action === 'Go to Error') void showAt(first.file, first.line, first.col);
      if (action === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    throw new LocatedCodegenError(`${where}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more; see Problems)` : ''}`);
  }
  const file = parseWrittenFile(result.stdout, cwd);
  if (!file) throw new Error(`${TITLE}: codegen printed no "wrote" line:\n${output}`);
  if (options.open !== false) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return { file, language, output };
}

async function packageOf(uri: vscode.Uri): Promise<vscode.Uri> {
  if (!uri.path.endsWith('.wit')) return uri;
  const dir = vscode.Uri.joinPath(uri, '..');
  try {
    const siblings = (await vscode.workspace.fs.readDirectory(dir)).filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.wit'));
    return siblings.length > 1 ? dir : uri;
  } catch {
    return uri;
  }
}

/** Its message is already shown (with actions) by the command itself. */
export class LocatedCodegenError extends Error {
  readonly shown = true;
}

async function showAt(file: string, line: number, col: number): Promise<void> {
  const at = new vscode.Position(Math.max(0, line - 1), Math.max(0, col - 1));
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(at, at) });
}

interface WitChoice extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/** The active .wit editor's package (or the file alone), then every other folder holding .wit files, then Browse. */
async function pickWit(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.wit', '{**/node_modules/**,**/.git/**,**/out/**,**/deps/**}', 500);
  const count = new Map<string, number>();
  for (const f of files) count.set(path.dirname(f.fsPath), (count.get(path.dirname(f.fsPath)) ?? 0) + 1);
  const items: WitChoice[] = [];
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && active.path.endsWith('.wit')) {
    const dir = path.dirname(active.fsPath);
    const pkg: WitChoice = { label: `$(folder) ${vscode.workspace.asRelativePath(dir)}/`, description: 'the package of the active file', uri: vscode.Uri.file(dir) };
    const alone: WitChoice = { label: `$(file) ${vscode.workspace.asRelativePath(active)}`, description: 'the active file alone', uri: active };
    // A package split over several files only resolves as a whole.
    items.push(...((count.get(dir) ?? 1) > 1 ? [pkg, alone] : [alone, pkg]));
    count.delete(dir);
  }
  const dirs = [...count.keys()].sort((a, b) => Number(path.basename(b) === 'wit') - Number(path.basename(a) === 'wit') || a.localeCompare(b));
  for (const dir of dirs) items.push({ label: `$(folder) ${vscode.workspace.asRelativePath(dir)}/`, description: `${count.get(dir)} .wit file(s)`, uri: vscode.Uri.file(dir) });
  items.push({ label: '$(folder-opened) Browse…', description: 'a WIT file or package folder elsewhere' });
  if (items.length === 1) return browseWit();
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE} (1/3)`, placeHolder: 'WIT package (folder with its deps/) or file' });
  if (!picked) return undefined;
  return picked.uri ?? browseWit();
}

async function browseWit(): Promise<vscode.Uri | undefined> {
  const chosen = await vscode.window.showOpenDialog({
    title: `${TITLE}: WIT file or package folder`, canSelectFiles: true, canSelectFolders: true, canSelectMany: false,
    filters: { WIT: ['wit'] }, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: 'Use this WIT',
  });
  return chosen?.[0];
}

async function pickLanguage(suggested: BindingLanguage | undefined): Promise<BindingLanguage | undefined> {
  const items = BINDING_LANGUAGES.map((l) => ({ ...l, description: l.id === suggested ? 'this plugin\'s language' : l.id }));
  items.sort((a, b) => Number(b.id === suggested) - Number(a.id === suggested));
  return (await vscode.window.showQuickPick(items, { title: `${TITLE} (2/3)`, placeHolder: 'Language of the bindings' }))?.id;
}

async function pickOutput(near: string): Promise<string | undefined> {
  const chosen = await vscode.window.showOpenDialog({
    title: `${TITLE} (3/3): output folder`, canSelectFiles: false, canSelectFolders: true, canSelectMany: false,
    defaultUri: vscode.Uri.file(near), openLabel: 'Generate here',
  });
  return chosen?.[0]?.fsPath;
}
