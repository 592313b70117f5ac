import { planned } from '../planned';

export const codegenCommand = planned('codegen', 'Generate SDK types from a WIT package', 6, `Usage: mockforge-plugin codegen --wit <dir|file> --lang <go|assemblyscript|python|typescript> --out <dir>`);
