// The world a built component implements, read from its embedded WIT by jco (host/src/component). Reading it is
// asynchronous (jco is an ES module around wasm-tools), so the LSP layer and the CLI load it before the synchronous
// rules run; the rules then find it in this cache (keyed by file and modification time, like module inspection).
// jco comes from the component runtime's loader: the bundled copy in dist/component/ (the packaged extension has no
// node_modules), else node_modules.
import { isComponentBytes } from '../../../host/src/component/detect';
import { loadJco } from '../../../host/src/component/vendor';
import { checkWorld, type ComponentWorld } from '../../../host/src/component/world';
import { productWitModel } from '../../../host/src/component/wit-model';
import type { ManifestFileSystem } from './fs';

export type WorldReading = { world: ComponentWorld; model: { package: string; version: string } } | { error: string };

const worlds = new Map<string, { mtime: number; reading: WorldReading }>();

/** The cached reading for this file as it is now on disk, if it was loaded. */
export function componentWorldOf(fs: ManifestFileSystem, file: string): WorldReading | undefined {
  const mtime = fs.mtime(file);
  const hit = worlds.get(file);
  return mtime !== undefined && hit && hit.mtime === mtime ? hit.reading : undefined;
}

/** Reads the world of `file` into the cache when it is a component (no-op for core modules and missing files). */
export async function loadComponentWorld(fs: ManifestFileSystem, file: string): Promise<void> {
  const mtime = fs.mtime(file);
  if (mtime === undefined || worlds.get(file)?.mtime === mtime) return;
  const bytes = fs.readFile(file);
  if (!bytes || !isComponentBytes(bytes)) return;
  let reading: WorldReading;
  try {
    const jco = await loadJco();
    const model = productWitModel();
    reading = { world: checkWorld(await jco.componentWit(bytes), model), model: { package: model.package, version: model.version } };
  } catch (err) {
    // wasm-tools prints a context line above the cause: one line reads better in the Problems view.
    reading = { error: String((err as Error).message ?? err).split('\n').map((l) => l.trim()).filter(Boolean).join(': ') };
  }
  worlds.set(file, { mtime, reading });
}
