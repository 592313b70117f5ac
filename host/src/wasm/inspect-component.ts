// inspect for any .wasm: core modules as inspectBytes reports them; components with the world they implement (read
// from their embedded WIT through jco) and the problems that world has against the product's wit/.
import { InspectReport, inspectBytes } from './inspect';
import { isComponentBytes } from '../component/detect';
import { readComponentWorld } from '../component/prepare';

export async function inspectAny(bytes: Uint8Array, file?: string): Promise<InspectReport> {
  const report = inspectBytes(bytes, file);
  if (!isComponentBytes(bytes)) return report;
  let world;
  try {
    world = await readComponentWorld(bytes);
  } catch (err) {
    return { ...report, problems: [{ severity: 'error', message: `its WIT cannot be read: ${(err as Error).message}` }] };
  }
  const problems = world.problems.map((message) => ({ severity: 'error' as const, message,
    hint: 'rebuild the component against the product WIT (wit/*.wit, package mockforge:plugin) and one of its worlds' }));
  return {
    ...report,
    evidence: [...report.evidence, `exports ${world.exports.join(', ') || 'nothing'}`],
    operations: [],
    imports: world.imports.map((name) => ({ module: name.split('/')[0], name: name.split('/').slice(1).join('/'), kind: 'interface' })),
    exports: world.exports.map((name) => ({ name, kind: 'interface' })),
    problems,
    world: { wit: world.wit, imports: world.imports, exports: world.exports },
  };
}

/** The world as text lines for `inspect` (empty for core modules). */
export function formatWorld(report: InspectReport): string {
  return report.world ? `world:\n${report.world.wit.trim().split('\n').map((l) => `  ${l}`).join('\n')}` : '';
}
