// The `mockforge` task type's builders: which toolchain a manifest names, which problem matcher reads its output,
// and the CLI arguments that build with it. No vscode import (unit-tested).
import type { Toolchain } from '../../host/src/manifest/types';

export const BUILDERS = ['asc', 'tinygo', 'go', 'cargo', 'clang', 'componentize'] as const;
export type Builder = (typeof BUILDERS)[number];

export function isBuilder(value: unknown): value is Builder {
  return typeof value === 'string' && (BUILDERS as readonly string[]).includes(value);
}

/** The builder for a manifest's `wasm.build.toolchain`; undefined when the plugin has nothing to build. */
export function builderFor(toolchain: Toolchain | string | undefined): Builder | undefined {
  switch (toolchain) {
    case 'asc': case 'tinygo': case 'go': case 'cargo': case 'clang': return toolchain;
    case 'rustc': return 'cargo';
    case 'componentize-js': case 'componentize-py': return 'componentize';
    default: return undefined;
  }
}

/** Problem matchers declared in package.json (contributes.problemMatchers), by builder. */
export function problemMatchersFor(builder: Builder): string[] {
  switch (builder) {
    case 'asc': return ['$mockforge-asc'];
    case 'tinygo': return ['$mockforge-tinygo'];
    case 'go': return ['$mockforge-go'];
    case 'cargo': return ['$rustc'];
    case 'clang': return ['$gcc'];
    case 'componentize': return [];
  }
}

/**
 * `mockforge-plugin build` arguments. The manifest's own toolchain wins unless the task names a different builder;
 * `componentize` keeps the manifest's flavour (js or py).
 */
export function buildArgs(pluginDir: string, builder: Builder, manifestToolchain: string | undefined, release = false): string[] {
  const args = ['build', pluginDir];
  const fromManifest = builderFor(manifestToolchain);
  if (fromManifest !== builder) {
    const toolchain = builder === 'componentize' ? (manifestToolchain?.startsWith('componentize-') ? manifestToolchain : 'componentize-js') : builder;
    args.push('--toolchain', toolchain);
  }
  if (release) args.push('--release');
  return args;
}
