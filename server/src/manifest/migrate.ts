// "Migrate to plugin.yaml v1": rewrites any legacy shape into the canonical one. Values move as YAML nodes, so their
// comments and styles travel with them; keys nobody recognises are kept at the end rather than dropped.
import { Document, Pair, Scalar, YAMLMap, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ManifestDocument } from './parse';
import { findPair, keyText } from './paths';
import { slugify } from './rules/identity';
import { PLUGIN_KINDS } from '../../../host/src/contract/operations';

type AnyPair = Pair<unknown, unknown>;

const PLUGIN_KEYS = ['id', 'version', 'name', 'description', 'types', 'runtime', 'author', 'homepage', 'repository', 'license', 'keywords'];

function versionFromStruct(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const s = v as Record<string, unknown>;
  if (s.major === undefined) return undefined;
  let out = `${Number(s.major) || 0}.${Number(s.minor) || 0}.${Number(s.patch) || 0}`;
  if (s.pre_release) out += `-${String(s.pre_release)}`;
  if (s.build) out += `+${String(s.build)}`;
  return out;
}

export function migrateManifest(doc: ManifestDocument): string | undefined {
  const src = doc.yaml.contents;
  if (!isMap(src) || doc.yaml.errors.length > 0) return undefined;
  const out = new Document({});
  out.commentBefore = doc.yaml.commentBefore ?? null;
  out.comment = doc.yaml.comment;
  const root = out.contents as YAMLMap<unknown, unknown>;
  const used = new Set<AnyPair>();
  // A comment above the first key is the file's header: it stays at the top, wherever that key moves.
  const firstKey = (src.items[0] as AnyPair | undefined)?.key;
  const header = isScalar(firstKey) && firstKey.commentBefore && !out.commentBefore ? firstKey : undefined;
  if (header) out.commentBefore = header.commentBefore ?? null;

  const newKey = (key: string, from?: AnyPair) => {
    const k = new Scalar(key);
    if (from && isScalar(from.key) && from.key !== header) {
      k.commentBefore = from.key.commentBefore;
      k.spaceBefore = from.key.spaceBefore;
    }
    return k;
  };
  const moveTo = (target: YAMLMap<unknown, unknown>, key: string, from: AnyPair) => {
    used.add(from);
    const value = from.value && typeof from.value === 'object' && 'clone' in from.value ? (from.value as Node).clone() : from.value;
    target.items.push(new Pair(newKey(key, from), value));
  };
  const setTo = (target: YAMLMap<unknown, unknown>, key: string, value: unknown, from?: AnyPair) => {
    if (from) used.add(from);
    target.items.push(new Pair(newKey(key, from), out.createNode(value)));
  };
  const take = (map: YAMLMap<unknown, unknown> | undefined, key: string) => (map ? findPair(map, key) : undefined);
  const js = (p: AnyPair | undefined) => (p && p.value && typeof p.value === 'object' && 'toJSON' in p.value ? (p.value as Node).toJSON() : isScalar(p?.value) ? p.value.value : p?.value);

  // Where identity fields live: an existing `plugin:` map, `info:` (loader shape) or the top level.
  const pluginPair = findPair(src, 'plugin');
  const infoPair = findPair(src, 'info');
  const identity = (pluginPair && isMap(pluginPair.value) ? pluginPair.value : infoPair && isMap(infoPair.value) ? infoPair.value : src) as YAMLMap<unknown, unknown>;
  if (pluginPair) used.add(pluginPair);
  if (infoPair) used.add(infoPair);
  const plugin = new YAMLMap<unknown, unknown>();
  root.items.push(new Pair(newKey('plugin', pluginPair ?? infoPair), plugin));

  for (const key of PLUGIN_KEYS) {
    const p = take(identity, key);
    if (key === 'id' && !p) {
      const name = js(take(identity, 'name'));
      if (typeof name === 'string' && slugify(name)) setTo(plugin, 'id', slugify(name));
      continue;
    }
    if (key === 'version' && p && isMap(p.value)) {
      const v = versionFromStruct(js(p));
      if (v) { setTo(plugin, 'version', v, p); continue; }
    }
    if (key === 'author' && p && isScalar(p.value)) { setTo(plugin, 'author', { name: String(p.value.value) }, p); continue; }
    if (key === 'types' && !p) {
      const kind = take(src, 'plugin_type') ?? take(identity, 'plugin_type');
      const category = take(src, 'category');
      if (kind) {
        const v = js(kind);
        setTo(plugin, 'types', Array.isArray(v) ? v : [v], kind);
      } else if (category && PLUGIN_KINDS.includes(js(category) as never)) {
        setTo(plugin, 'types', [js(category)], category);
      }
      continue;
    }
    if (key === 'keywords' && !p) {
      const tags = take(src, 'tags');
      if (tags) moveTo(plugin, 'keywords', tags);
      continue;
    }
    if (p) moveTo(plugin, key, p);
  }
  // Identity fields already consumed from the top level must not be copied again below.
  if (identity === src) for (const key of [...PLUGIN_KEYS, 'plugin_type']) { const p = take(src, key); if (p) used.add(p); }

  for (const key of ['wasm', 'pyodide', 'remote']) {
    const p = take(src, key);
    if (p) moveTo(root, key, p);
  }

  // Capabilities: string list (loader), booleans (scaffold) or the canonical map; resource_limits joins them.
  const caps = take(src, 'capabilities');
  const limits = take(src, 'resource_limits');
  if (caps || limits) {
    let capMap: YAMLMap<unknown, unknown>;
    if (caps && isSeq(caps.value)) {
      const list = (js(caps) as unknown[]).map(String);
      const value: Record<string, Record<string, boolean>> = {};
      if (list.some((c) => c.startsWith('network'))) value.network = { allow_outbound: true };
      const read = list.includes('filesystem:read') || list.includes('filesystem');
      const write = list.includes('filesystem:write');
      if (read || write) value.filesystem = { ...(read ? { allow_read: true } : {}), ...(write ? { allow_write: true } : {}) };
      capMap = out.createNode(value) as YAMLMap<unknown, unknown>;
      used.add(caps);
    } else if (caps && isMap(caps.value)) {
      capMap = new YAMLMap();
      used.add(caps);
      for (const item of caps.value.items as AnyPair[]) {
        const k = keyText(item);
        if ((k === 'network' || k === 'filesystem') && isScalar(item.value) && typeof item.value.value === 'boolean') {
          setTo(capMap, k, k === 'network' ? { allow_outbound: item.value.value } : { allow_read: item.value.value });
        } else {
          capMap.items.push(new Pair(newKey(k, item), (item.value as Node | null)?.clone?.() ?? item.value));
        }
      }
    } else {
      capMap = new YAMLMap();
    }
    if (limits) moveTo(capMap, 'resources', limits);
    root.items.push(new Pair(newKey('capabilities', caps ?? limits), capMap));
  }

  const deps = take(src, 'dependencies');
  if (deps) {
    if (isMap(deps.value)) {
      const list = (deps.value.items as AnyPair[]).map((item) => {
        const v = isMap(item.value) ? versionFromStruct((item.value as Node).toJSON()) : isScalar(item.value) ? String(item.value.value) : undefined;
        return v ? `${keyText(item)}@${v}` : keyText(item);
      });
      setTo(root, 'dependencies', list, deps);
    } else moveTo(root, 'dependencies', deps);
  }

  const configSchema = take(src, 'config_schema');
  const configuration = take(src, 'configuration');
  if (configuration) moveTo(root, 'configuration', configuration);
  else if (configSchema) {
    const conf = new YAMLMap<unknown, unknown>();
    moveTo(conf, 'schema', configSchema);
    root.items.push(new Pair(newKey('configuration', configSchema), conf));
  }
  if (configuration && configSchema) used.delete(configSchema);
  const env = take(src, 'environment');
  if (env) moveTo(root, 'environment', env);

  // Registry-only fields with no v1 home, and anything unknown: kept so nothing is lost.
  for (const item of src.items as AnyPair[]) {
    if (used.has(item)) continue;
    const k = keyText(item);
    if (k === 'category' && plugin.items.some((p) => keyText(p as AnyPair) === 'types')) continue;
    moveTo(root, k, item);
  }
  try {
    return out.toString({ lineWidth: 0 });
  } catch {
    // Moving nodes can put an alias before its anchor; no migration is better than a broken one.
    return undefined;
  }
}

