// The generated type files inside sdk/*: each is `codegen --wit wit` with these options. The drift test
// (test/codegen/drift.test.ts) regenerates them all and fails when a committed file differs.
import type { Language } from './index';

export interface SdkTarget { lang: Language; out: string; goPackage?: string; asRuntime?: string }

export const SDK_TARGETS: readonly SdkTarget[] = [
  // Its own package: the hand-written package mockforge already declares types with these names.
  { lang: 'go', out: 'sdk/go/wire', goPackage: 'wire' },
  { lang: 'assemblyscript', out: 'sdk/assemblyscript/assembly', asRuntime: './index' },
  { lang: 'python', out: 'sdk/python/mockforge_plugin' },
  { lang: 'typescript', out: 'sdk/node/src' },
];

/** The command that regenerates one target, as a user types it from the repository root. */
export function regenerateCommand(t: SdkTarget): string {
  return `node dist/cli.js codegen --wit wit --lang ${t.lang} --out ${t.out}` +
    (t.goPackage ? ` --go-package ${t.goPackage}` : '') + (t.asRuntime ? ` --as-runtime ${t.asRuntime}` : '');
}
