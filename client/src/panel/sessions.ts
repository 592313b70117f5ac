// Warm plugins for the request panel: each plugin is loaded once (per isolation mode) through the embedded host's
// loadPlugin and reused while the panel is open; a rebuilt module or an edited manifest is reloaded on the next call.
// No vscode import: the panel passes paths in.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugin, type Isolation, type LoadedPlugin } from '../../../host/src/plugin';

interface Entry {
  plugin: Promise<LoadedPlugin>;
  /** mtimes of the manifest and module when loaded: a change means reload. */
  stamp: string;
}

export class PluginSessions {
  private readonly entries = new Map<string, Entry>();

  /** The warm plugin for dir (loading it, or reloading it when its files changed since). */
  async get(dir: string, isolation: Isolation): Promise<LoadedPlugin> {
    const key = `${isolation}\0${dir}`;
    const entry = this.entries.get(key);
    if (entry) {
      let loaded: LoadedPlugin | undefined;
      try {
        loaded = await entry.plugin;
      } catch {
        // A failed load is retried below.
      }
      if (loaded && stampOf(dir, loaded.info.wasmPath) === entry.stamp) return loaded;
      this.entries.delete(key);
      await loaded?.dispose().catch(() => undefined);
    }
    const plugin = loadPlugin(dir, { isolation });
    const fresh: Entry = { plugin, stamp: '' };
    this.entries.set(key, fresh);
    try {
      const loaded = await plugin;
      fresh.stamp = stampOf(dir, loaded.info.wasmPath);
      return loaded;
    } catch (err) {
      this.entries.delete(key);
      throw err;
    }
  }

  async disposeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map(async (e) => {
      try {
        await (await e.plugin).dispose();
      } catch {
        // Never loaded: nothing to dispose.
      }
    }));
  }
}

function mtime(file: string): string {
  try {
    return String(statSync(file).mtimeMs);
  } catch {
    return 'missing';
  }
}

function stampOf(dir: string, wasmPath: string): string {
  // A remote plugin's wasmPath is its endpoint URL: only the manifest matters then.
  const module = /^[a-z]+:\/\//i.test(wasmPath) ? '' : mtime(wasmPath);
  return `${mtime(join(dir, 'plugin.yaml'))}|${mtime(join(dir, 'plugin.yml'))}|${module}`;
}
