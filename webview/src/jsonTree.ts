// Pretty JSON with folding: objects and arrays are <details> (native keyboard toggling), leaves are text spans.
import { foldSummary } from './format';
import { h } from './dom';

export function jsonTree(value: unknown, key?: string): HTMLElement {
  const label = key === undefined ? null : h('span', { class: 'json-key' }, JSON.stringify(key), ': ');
  if (value !== null && typeof value === 'object') {
    const entries: Array<[string | undefined, unknown]> = Array.isArray(value) ? value.map((v) => [undefined, v]) : Object.entries(value);
    const open = Array.isArray(value) ? '[' : '{';
    const close = Array.isArray(value) ? ']' : '}';
    if (entries.length === 0) return h('div', { class: 'json-leaf' }, label, open + close);
    const details = h('details', { class: 'json-node', attrs: { open: '' } },
      h('summary', {}, label, h('span', { class: 'json-fold' }, foldSummary(value))),
      h('div', { class: 'json-children' }, ...entries.map(([k, v]) => jsonTree(v, k))),
    );
    return details;
  }
  const kind = value === null ? 'null' : typeof value;
  return h('div', { class: 'json-leaf' }, label, h('span', { class: `json-${kind}` }, JSON.stringify(value) ?? String(value)));
}
