// Capability combinations that do not do what the author meant.
import { CODES, Severity, diag, type ManifestDiagnostic } from '../diagnostic';
import { addKeyEdit } from '../edits';
import { get, keyAt, valueAt, type Rule } from './context';

export function outboundAllowed(root: Record<string, unknown>): boolean {
  return get(root, ['capabilities', 'network', 'allow_outbound']) === true
    || get(root, ['capabilities', 'network', 'allow_http_outbound']) === true;
}

export const networkRule: Rule = (ctx) => {
  const hosts = get(ctx.root, ['capabilities', 'network', 'allowed_hosts']);
  if (!Array.isArray(hosts) || hosts.length === 0 || outboundAllowed(ctx.root)) return [];
  const explicitlyOff = get(ctx.root, ['capabilities', 'network', 'allow_outbound']) === false;
  const edit = explicitlyOff ? undefined : addKeyEdit(ctx.doc, ['capabilities', 'network'], 'allow_outbound', true);
  return [diag(keyAt(ctx, ['capabilities', 'network', 'allowed_hosts']), Severity.Warning, CODES.hostsWithoutOutbound,
    '`allowed_hosts` has no effect while outbound network access is off — set `allow_outbound: true`',
    { fixes: edit ? [{ title: 'Add `allow_outbound: true`', edits: [edit], preferred: true }] : [] })];
};

export const filesystemRule: Rule = (ctx) => {
  const out: ManifestDiagnostic[] = [];
  const paths = get(ctx.root, ['capabilities', 'filesystem', 'allowed_paths']);
  const empty = !Array.isArray(paths) || paths.length === 0;
  for (const key of ['allow_write'] as const) {
    if (get(ctx.root, ['capabilities', 'filesystem', key]) !== true || !empty) continue;
    const edit = paths === undefined ? addKeyEdit(ctx.doc, ['capabilities', 'filesystem'], 'allowed_paths', ['./data']) : undefined;
    out.push(diag(valueAt(ctx, ['capabilities', 'filesystem', key]), Severity.Warning, CODES.writeWithoutPaths,
      `\`${key}: true\` grants nothing without \`allowed_paths\` — list the directories the plugin may ${key === 'allow_write' ? 'write' : 'read'}`,
      { fixes: edit ? [{ title: 'Add `allowed_paths`', edits: [edit] }] : [] }));
  }
  return out;
};
