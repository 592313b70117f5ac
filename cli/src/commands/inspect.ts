import { planned } from '../planned';

export const inspectCommand = planned('inspect', 'Report what produced a .wasm module, its ABI, exports and problems', 3, `Usage: mockforge-plugin inspect <file.wasm> [--format text|json]`);
