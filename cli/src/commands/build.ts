import { planned } from '../planned';

export const buildCommand = planned('build', 'Build a plugin with the toolchain its manifest names', 6, `Usage: mockforge-plugin build [dir|plugin.yaml] [--toolchain NAME] [--release]`);
