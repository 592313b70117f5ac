// Python: pydantic v2 models with snake_case fields, str enums, and `to_wire()` / `from_wire()` that produce and
// accept exactly the JSON of docs/protocol.md §7 (options omitted when None, bytes as padded base64).
import type { Member, TypeDecl, TypeRef, WitModel } from './model';
import { pascal, snake, upperSnake } from './naming';

const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

function pyField(name: string): string { const s = snake(name); return KEYWORDS.has(s) ? `${s}_` : s; }

function docstring(docs: string, indent: string): string {
  if (!docs) return '';
  const text = docs.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  return `${indent}"""${text.split('\n').join(`\n${indent}`)}"""\n`.replace(/[ \t]+\n/g, '\n');
}
function lineComments(docs: string, indent: string): string {
  return docs ? docs.split('\n').map((l) => `${indent}# ${l}`.trimEnd()).join('\n') + '\n' : '';
}

function pyType(t: TypeRef, quote: boolean): string {
  switch (t.kind) {
    case 'prim': return t.prim === 'bool' ? 'bool' : t.prim === 'f32' || t.prim === 'f64' ? 'float' : t.prim === 'string' || t.prim === 'char' ? 'str' : t.prim.toUpperCase();
    case 'json': return 'Any';
    case 'bytes': return 'WireBytes';
    case 'list': return `List[${pyType(t.elem, quote)}]`;
    case 'map': return `Dict[str, ${pyType(t.value, quote)}]`;
    case 'option': return `Optional[${pyType(t.inner, quote)}]`;
    case 'result': return `Result[${t.ok ? pyType(t.ok, quote) : 'None'}, ${t.err ? pyType(t.err, quote) : 'None'}]`;
    case 'tuple': return `Tuple[${t.types.map((x) => pyType(x, quote)).join(', ')}]`;
    case 'named': return quote ? `"${pascal(t.name)}"` : pascal(t.name);
  }
}

function fieldDefault(t: TypeRef, model: WitModel, alias: string): string {
  const extra = alias ? `alias="${alias}", ` : '';
  let base: TypeRef = t;
  while (base.kind === 'named') {
    const d = model.types.find((x) => x.name === (base as { name: string }).name);
    if (d?.kind !== 'alias') break;
    base = d.target;
  }
  if (t.kind === 'option') return ` = Field(default=None, ${extra})`.replace(', )', ')');
  if (base.kind === 'list') return ` = Field(default_factory=list, ${extra})`.replace(', )', ')');
  if (base.kind === 'map') return ` = Field(default_factory=dict, ${extra})`.replace(', )', ')');
  return alias ? ` = Field(${extra})`.replace(', )', ')') : '';
}

function record(name: string, docs: string, fields: Member[], model: WitModel): string {
  let out = `class ${name}(WireModel):\n` + docstring(docs || name, '    ');
  const options = fields.filter((f) => f.type?.kind === 'option').map((f) => `"${snake(f.name)}"`);
  if (options.length) out += `\n    _wire_optional: ClassVar[FrozenSet[str]] = frozenset({${options.join(', ')}})\n`;
  for (const f of fields) {
    const py = pyField(f.name);
    const alias = py !== snake(f.name) ? snake(f.name) : '';
    out += '\n' + lineComments(f.docs, '    ') + `    ${py}: ${pyType(f.type!, false)}${fieldDefault(f.type!, model, alias)}\n`;
  }
  return out;
}

function decl(d: TypeDecl, model: WitModel): string {
  const name = pascal(d.name);
  switch (d.kind) {
    case 'alias': return lineComments(d.docs, '') + `${name} = ${pyType(d.target, true)}\n`;
    case 'enum': {
      let out = `class ${name}(str, Enum):\n` + docstring(d.docs || name, '    ');
      for (const c of d.cases) out += '\n' + lineComments(c.docs, '    ') + `    ${upperSnake(c.name)} = "${snake(c.name)}"\n`;
      return out;
    }
    case 'flags': return record(name, d.docs, d.cases.map((c) => ({ ...c, type: { kind: 'prim', prim: 'bool' } })), model)
      .replace(/: bool\n/g, ': bool = False\n');
    case 'record': return record(name, d.docs, d.fields, model);
    case 'variant': {
      let out = `class ${name}Tag(str, Enum):\n    """The cases of ${name}."""\n`;
      for (const c of d.cases) out += `\n    ${upperSnake(c.name)} = "${snake(c.name)}"\n`;
      const payloads = [...new Set(d.cases.filter((c) => c.type).map((c) => pyType(c.type!, false)))];
      out += `\n\nclass ${name}(WireModel):\n` + docstring(d.docs || name, '    ');
      out += `\n    _wire_optional: ClassVar[FrozenSet[str]] = frozenset({"val"})\n\n    tag: ${name}Tag\n`;
      out += `    val: ${payloads.length ? `Optional[Union[${payloads.join(', ')}]]` : 'None'} = None\n`;
      return out;
    }
  }
}

const PRELUDE = `from __future__ import annotations

import base64
from enum import Enum
from typing import Annotated, Any, ClassVar, Dict, FrozenSet, Generic, List, Literal, Optional, Tuple, TypeVar, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, model_serializer


def _b64decode(value: Any) -> Any:
    if isinstance(value, str):
        return base64.b64decode(value, validate=True)
    return value


# WIT integers: range-checked ints (docs/protocol.md: u16 is 0-65535 and so on).
U8 = Annotated[int, Field(ge=0, le=255)]
U16 = Annotated[int, Field(ge=0, le=65535)]
U32 = Annotated[int, Field(ge=0, le=4294967295)]
U64 = Annotated[int, Field(ge=0, le=18446744073709551615)]
S8 = Annotated[int, Field(ge=-128, le=127)]
S16 = Annotated[int, Field(ge=-32768, le=32767)]
S32 = Annotated[int, Field(ge=-2147483648, le=2147483647)]
S64 = Annotated[int, Field(ge=-9223372036854775808, le=9223372036854775807)]


# list<u8>: bytes in Python, standard padded base64 on the wire.
WireBytes = Annotated[
    bytes,
    BeforeValidator(_b64decode),
    PlainSerializer(lambda b: base64.b64encode(b).decode("ascii"), return_type=str, when_used="json"),
]


class WireModel(BaseModel):
    """Base of every generated model: \`to_wire()\` / \`from_wire()\` speak docs/protocol.md's JSON."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")
    _wire_optional: ClassVar[FrozenSet[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _omit_none_options(self, handler: Any) -> Any:
        data = handler(self)
        for key in self._wire_optional:
            if key in data and data[key] is None:
                del data[key]
        return data

    def to_wire(self) -> Dict[str, Any]:
        """This value as the JSON object of the wire (snake_case keys, options omitted when None)."""
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def from_wire(cls, data: Any) -> Any:
        """Reads the wire JSON (a dict); unknown keys are ignored, absent lists and maps are empty."""
        return cls.model_validate(data)


T = TypeVar("T")
E = TypeVar("E")


class Result(WireModel, Generic[T, E]):
    """A WIT result<T, E>: {"tag": "ok"|"err", "val": ...} on the wire."""

    _wire_optional: ClassVar[FrozenSet[str]] = frozenset({"val"})

    tag: Literal["ok", "err"]
    val: Optional[Union[T, E]] = None
`;

export function emitPython(model: WitModel, opts: { header: string }): string {
  const models = model.types.filter((d) => d.kind !== 'alias' && d.kind !== 'enum').map((d) => pascal(d.name));
  let out = `# ${opts.header}\n# WIT package ${model.packageId}; JSON wire format: docs/protocol.md section 7.\n# ruff: noqa\n# fmt: off\n${PRELUDE}`;
  for (const d of model.types) out += '\n\n' + decl(d, model);
  out += `\n\nfor _model in (${models.join(', ')}${models.length === 1 ? ',' : ''}):\n    _model.model_rebuild()\n`;
  out += `\n__all__ = [\n${['WireBytes', 'WireModel', 'Result', 'U8', 'U16', 'U32', 'U64', 'S8', 'S16', 'S32', 'S64', ...model.types.map((d) => pascal(d.name))].map((n) => `    "${n}",`).join('\n')}\n]\n`;
  return out;
}
