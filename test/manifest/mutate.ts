// Seeded random mutations of manifests (shared by the robustness and outline-agreement tests).

/** mulberry32: small, seeded, good enough to explore inputs reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIALS = ['&a ', '*a', '!!binary ', '? ', '---\n', '...\n', '%YAML 1.2\n', '{', '}', '[', ']', ':', '- ', '#', '"', "'", '|\n', '>-\n', '\t', '\r', '\r\n', '\u0000', '\uFEFF', '\uD83D', '\uDE00', '😀', 'é', '\u2028', '<<: *a\n', 'null', '~', '.inf', '0x1F', '1e308'];

/** The mutations that make a document expensive (huge values, deep nesting, alias bombs) and the cheap ones. */
const HEAVY = [4, 5, 8];
const LIGHT = [0, 1, 2, 3, 6, 7];

/**
 * One random mutation. `heavyRate` (0–1) is the chance of a heavy one; by default every mutation is equally likely
 * (1/3 heavy). A long run lowers it to see many documents while still meeting hundreds of huge ones.
 */
export function mutate(text: string, rnd: () => number, heavyRate?: number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const at = () => Math.floor(rnd() * (text.length + 1));
  const op = heavyRate === undefined ? Math.floor(rnd() * 9) : pick(rnd() < heavyRate ? HEAVY : LIGHT);
  switch (op) {
    case 0: { // delete a run of characters
      const i = at();
      return text.slice(0, i) + text.slice(i + 1 + Math.floor(rnd() * 8));
    }
    case 1: { // swap two lines
      const lines = text.split('\n');
      const a = Math.floor(rnd() * lines.length);
      const b = Math.floor(rnd() * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 2: { // random unicode / YAML punctuation
      const i = at();
      return text.slice(0, i) + pick(SPECIALS) + text.slice(i);
    }
    case 3: { // random code points, lone surrogates included
      const i = at();
      let s = '';
      for (let k = 0; k < 1 + rnd() * 6; k++) s += String.fromCharCode(Math.floor(rnd() * 0xffff));
      return text.slice(0, i) + s + text.slice(i);
    }
    case 4: { // huge values
      const huge = pick(['x'.repeat(100_000), '9'.repeat(400), '-0', '1e309', `"${'\\u00e9'.repeat(5000)}"`]);
      return text.replace(/: [^\n]+/, `: ${huge}`);
    }
    case 5: { // deep nesting, block or flow
      const depth = 50 + Math.floor(rnd() * 400);
      const nested = rnd() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth)
        : Array.from({ length: depth }, (_, k) => `${' '.repeat(k * 2)}k${k}:`).join('\n') + ' 1';
      const i = text.indexOf('\n', at());
      return text.slice(0, i < 0 ? text.length : i) + '\nnested: ' + (nested.startsWith('[') ? nested : '\n' + nested.replace(/^/gm, '  ')) + text.slice(i < 0 ? text.length : i);
    }
    case 6: { // re-indent a line
      const lines = text.split('\n');
      const a = Math.floor(rnd() * lines.length);
      lines[a] = ' '.repeat(Math.floor(rnd() * 7)) + lines[a].trimStart();
      return lines.join('\n');
    }
    case 7: { // duplicate a line
      const lines = text.split('\n');
      const a = Math.floor(rnd() * lines.length);
      lines.splice(a, 0, lines[a]);
      return lines.join('\n');
    }
    default: // alias bomb
      return `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n` + text;
  }
}
