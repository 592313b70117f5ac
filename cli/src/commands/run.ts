import { planned } from '../planned';

export const runCommand = planned('run', 'Run a plugin operation against a request through the embedded host', 3, `Usage: mockforge-plugin run <plugin dir|plugin.yaml|file.wasm> --call <operation> [--input FILE|-] [--request FILE] [--isolate] [--timeout MS] [--config KEY=VALUE]... [--compact] [--verbose]`);
