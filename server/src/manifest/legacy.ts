// MockForge's older manifest shapes (mockforge-facts.md): recognised, reported once, migrated on request.
import { isRecord, type ManifestDocument } from './parse';
import type { Path } from './paths';

export type LegacyShape = 'flat' | 'loader' | 'scaffold' | 'registry' | 'capability-list';

export interface LegacyFinding {
  shape: LegacyShape;
  /** The key that gives the shape away (the diagnostic goes there). */
  marker: Path;
  label: string;
}

const LABELS: Record<LegacyShape, string> = {
  flat: 'the older flat manifest (fields at the top level)',
  loader: 'the Rust loader\'s manifest (`info:` with a version struct)',
  scaffold: 'the manifest `mockforge-plugin new` used to write (`plugin_type`, `resource_limits`)',
  registry: 'the registry metadata shape (`tags`, `category`)',
  'capability-list': 'a string list of capabilities (`["network:http", …]`)',
};

const has = (o: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Decided on the plain value, so a well-formed document never needs its syntax tree for this. */
export function detectLegacy(doc: ManifestDocument): LegacyFinding | undefined {
  const root = doc.value;
  if (!isRecord(root)) return undefined;
  const found = (shape: LegacyShape, marker: Path): LegacyFinding => ({ shape, marker, label: LABELS[shape] });
  if (isRecord(root.plugin)) {
    // Canonical identity, but older sections beside it.
    if (has(root, 'resource_limits')) return found('scaffold', ['resource_limits']);
    if (has(root, 'config_schema')) return found('flat', ['config_schema']);
    if (Array.isArray(root.capabilities)) return found('capability-list', ['capabilities']);
    return undefined;
  }
  if (has(root, 'plugin')) return undefined;
  if (has(root, 'info')) return found('loader', ['info']);
  if (has(root, 'plugin_type')) return found('scaffold', ['plugin_type']);
  if (has(root, 'resource_limits')) return found('scaffold', ['resource_limits']);
  if (has(root, 'tags') || has(root, 'category')) return found('registry', [has(root, 'category') ? 'category' : 'tags']);
  if (has(root, 'config_schema')) return found('flat', ['config_schema']);
  for (const key of ['id', 'name', 'version', 'types']) if (has(root, key)) return found('flat', [key]);
  if (Array.isArray(root.capabilities)) return found('capability-list', ['capabilities']);
  return undefined;
}
