// Go: structs with `json:"snake_case"` tags; encoding/json does the rest. Generated MarshalJSON methods send empty
// lists and maps as [] and {} (never null), options are pointers omitted when nil, enums are string types.
import type { Member, TypeDecl, TypeRef, WitModel } from './model';
import { comment, goName, snake } from './naming';

export interface GoOptions { packageName: string; header: string }

/** Tab-indented rows aligned in columns like gofmt: a comment line ends an alignment section. */
function aligned(rows: { docs: string; cells: string[] }[]): string {
  const sections: (typeof rows)[] = [];
  for (const r of rows) {
    if (r.docs || sections.length === 0) sections.push([]);
    sections[sections.length - 1].push(r);
  }
  let out = '';
  for (const sec of sections) {
    const widths = sec[0].cells.map((_, i) => Math.max(...sec.map((r) => r.cells[i].length)));
    for (const r of sec) out += comment(r.docs, '\t', '// ') + '\t' + r.cells.map((c, i) => (i < r.cells.length - 1 ? c.padEnd(widths[i]) : c)).join(' ') + '\n';
  }
  return out;
}

class GoWriter {
  needTuple = new Set<number>();
  needResult = false;
  constructor(private readonly model: WitModel) {}

  type(t: TypeRef): string {
    switch (t.kind) {
      case 'prim': return { bool: 'bool', s8: 'int8', s16: 'int16', s32: 'int32', s64: 'int64', u8: 'uint8', u16: 'uint16', u32: 'uint32', u64: 'uint64', f32: 'float32', f64: 'float64', char: 'string', string: 'string' }[t.prim];
      case 'json': return 'json.RawMessage';
      case 'bytes': return '[]byte';
      case 'list': return `[]${this.type(t.elem)}`;
      case 'map': return `map[string]${this.type(t.value)}`;
      case 'option': return `*${this.type(t.inner)}`;
      case 'result': this.needResult = true; return `Result[${t.ok ? this.type(t.ok) : 'Unit'}, ${t.err ? this.type(t.err) : 'Unit'}]`;
      case 'tuple': this.needTuple.add(t.types.length); return `Tuple${t.types.length}[${t.types.map((x) => this.type(x)).join(', ')}]`;
      case 'named': return goName(t.name);
    }
  }

  /** Fields that must not marshal as null when empty: lists, maps, bytes, and aliases of them. */
  private emptyValue(t: TypeRef): string | undefined {
    if (t.kind === 'list' || t.kind === 'bytes' || t.kind === 'map') return `${this.type(t)}{}`;
    if (t.kind === 'named') {
      const d = this.model.types.find((x) => x.name === t.name);
      if (d?.kind === 'alias' && this.emptyValue(d.target)) return `${goName(d.name)}{}`;
    }
    return undefined;
  }

  decl(d: TypeDecl): string {
    const name = goName(d.name);
    let out = comment(d.docs, '', '// ');
    switch (d.kind) {
      case 'alias': return out + `type ${name} = ${this.type(d.target)}\n`;
      case 'enum': {
        out += `type ${name} string\n\nconst (\n`;
        out += aligned(d.cases.map((c) => ({ docs: c.docs, cells: [name + goName(c.name), name, `= "${snake(c.name)}"`] })));
        return out + ')\n';
      }
      case 'flags': return out + this.struct(name, d.cases.map((c) => ({ ...c, type: { kind: 'prim', prim: 'bool' } })), false);
      case 'record': return out + this.struct(name, d.fields, true);
      case 'variant': return out + this.variant(name, d.cases);
    }
  }

  private struct(name: string, fields: Member[], normalise: boolean): string {
    let out = `type ${name} struct {\n`;
    // Aligned the way gofmt aligns a struct block.
    const rows = fields.map((f) => ({ docs: f.docs, cells: [goName(f.name), this.type(f.type!), `\`json:"${snake(f.name)}${f.type!.kind === 'option' ? ',omitempty' : ''}"\``] }));
    out += aligned(rows);
    out += '}\n';
    const fix = fields.map((f) => ({ f, empty: this.emptyValue(f.type!) })).filter((x) => x.empty);
    if (normalise && fix.length) {
      out += `\n// MarshalJSON sends empty lists and maps as [] and {} (docs/protocol.md: writers send every key).\n`;
      out += `func (v ${name}) MarshalJSON() ([]byte, error) {\n\ttype plain ${name}\n\tp := plain(v)\n`;
      for (const { f, empty } of fix) out += `\tif p.${goName(f.name)} == nil {\n\t\tp.${goName(f.name)} = ${empty}\n\t}\n`;
      out += '\treturn json.Marshal(p)\n}\n';
    }
    return out;
  }

  private variant(name: string, cases: Member[]): string {
    let out = `type ${name} struct {\n`;
    out += aligned([{ docs: 'Tag is the case name as on the wire (snake_case); the field of that case holds its payload.', cells: ['Tag', `${name}Tag`] },
      ...cases.filter((c) => c.type).map((c) => ({ docs: c.docs, cells: [goName(c.name), `*${this.type(c.type!)}`] }))]);
    out += `}\n\n// ${name}Tag names a case of ${name}.\ntype ${name}Tag string\n\nconst (\n`;
    out += aligned(cases.map((c) => ({ docs: '', cells: [`${name}Tag${goName(c.name)}`, `${name}Tag`, `= "${snake(c.name)}"`] })));
    out += `)\n\n// MarshalJSON writes {"tag": …, "val": …} (docs/protocol.md §7).\nfunc (v ${name}) MarshalJSON() ([]byte, error) {\n\tswitch v.Tag {\n`;
    for (const c of cases) {
      out += `\tcase ${name}Tag${goName(c.name)}:\n`;
      out += c.type ? `\t\treturn marshalTagged(string(v.Tag), v.${goName(c.name)})\n` : `\t\treturn marshalTagged[struct{}](string(v.Tag), nil)\n`;
    }
    out += `\t}\n\treturn nil, fmt.Errorf("${name}: unknown tag %q", v.Tag)\n}\n\n`;
    out += `// UnmarshalJSON reads {"tag": …, "val": …}.\nfunc (v *${name}) UnmarshalJSON(data []byte) error {\n\tvar raw taggedJSON\n\tif err := json.Unmarshal(data, &raw); err != nil {\n\t\treturn err\n\t}\n\t*v = ${name}{Tag: ${name}Tag(raw.Tag)}\n\tswitch v.Tag {\n`;
    for (const c of cases) {
      out += `\tcase ${name}Tag${goName(c.name)}:\n`;
      out += c.type ? `\t\tv.${goName(c.name)} = new(${this.type(c.type)})\n\t\treturn json.Unmarshal(raw.valOrNull(), v.${goName(c.name)})\n` : '\t\treturn nil\n';
    }
    out += `\t}\n\treturn fmt.Errorf("${name}: unknown tag %q", raw.Tag)\n}\n`;
    return out;
  }
}

const TAGGED = `
type taggedJSON struct {
	Tag string          \`json:"tag"\`
	Val json.RawMessage \`json:"val,omitempty"\`
}

func (t taggedJSON) valOrNull() []byte {
	if len(t.Val) == 0 {
		return []byte("null")
	}
	return t.Val
}

func marshalTagged[T any](tag string, val *T) ([]byte, error) {
	if val == nil {
		return json.Marshal(taggedJSON{Tag: tag})
	}
	b, err := json.Marshal(val)
	if err != nil {
		return nil, err
	}
	return json.Marshal(taggedJSON{Tag: tag, Val: b})
}
`;

const RESULT = `
// Unit is the payload of a result side that carries none.
type Unit struct{}

// Result is a WIT result<T, E>: {"tag": "ok", "val": …} or {"tag": "err", "val": …} on the wire.
type Result[T, E any] struct {
	Ok  *T
	Err *E
}

// MarshalJSON writes the ok side unless Err is set.
func (r Result[T, E]) MarshalJSON() ([]byte, error) {
	if r.Err != nil {
		if _, unit := any(r.Err).(*Unit); unit {
			return marshalTagged[Unit]("err", nil)
		}
		return marshalTagged("err", r.Err)
	}
	if _, unit := any(r.Ok).(*Unit); unit {
		return marshalTagged[Unit]("ok", nil)
	}
	return marshalTagged("ok", r.Ok)
}

// UnmarshalJSON reads {"tag": "ok"|"err", "val": …}.
func (r *Result[T, E]) UnmarshalJSON(data []byte) error {
	var raw taggedJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*r = Result[T, E]{}
	switch raw.Tag {
	case "ok":
		r.Ok = new(T)
		return json.Unmarshal(raw.valOrNull(), r.Ok)
	case "err":
		r.Err = new(E)
		return json.Unmarshal(raw.valOrNull(), r.Err)
	}
	return fmt.Errorf("result: unknown tag %q", raw.Tag)
}
`;

function tupleCode(n: number): string {
  const ps = Array.from({ length: n }, (_, i) => `T${i}`);
  const fields = ps.map((p, i) => `\tV${i} ${p}`).join('\n');
  const arr = ps.map((_, i) => `t.V${i}`).join(', ');
  const reads = ps.map((_, i) => `\tif err := json.Unmarshal(raw[${i}], &t.V${i}); err != nil {\n\t\treturn err\n\t}\n`).join('');
  return `
// Tuple${n} is a WIT tuple of ${n}: a JSON array on the wire.
type Tuple${n}[${ps.join(', ')} any] struct {
${fields}
}

// MarshalJSON writes the tuple as an array.
func (t Tuple${n}[${ps.join(', ')}]) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{${arr}})
}

// UnmarshalJSON reads an array of exactly ${n} values.
func (t *Tuple${n}[${ps.join(', ')}]) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if len(raw) != ${n} {
		return fmt.Errorf("tuple: want ${n} values, got %d", len(raw))
	}
${reads}	return nil
}
`;
}

export function emitGo(model: WitModel, opts: GoOptions): string {
  const w = new GoWriter(model);
  const body = model.types.map((d) => w.decl(d)).join('\n');
  const hasVariant = model.types.some((d) => d.kind === 'variant');
  const needFmt = hasVariant || w.needResult || w.needTuple.size > 0;
  let out = `// Code generated by mockforge-plugin codegen; DO NOT EDIT.\n// ${opts.header}\n// WIT package ${model.packageId}; JSON wire format: docs/protocol.md §7.\n\npackage ${opts.packageName}\n\n`;
  const needJSON = needFmt || body.includes('json.');
  out += needFmt ? 'import (\n\t"encoding/json"\n\t"fmt"\n)\n\n' : needJSON ? 'import "encoding/json"\n\n' : '';
  out += body;
  if (hasVariant || w.needResult) out += TAGGED;
  if (w.needResult) out += RESULT;
  for (const n of [...w.needTuple].sort()) out += tupleCode(n);
  return out;
}
