import { planned } from '../planned';

export const newCommand = planned('new', 'Scaffold a plugin project from a template', 6, `Usage: mockforge-plugin new <dir> --lang <assemblyscript|tinygo|go|python-remote|node-remote|python-pyodide> --type <auth|template|response|datasource> [--id ID] [--name NAME] [--force]`);
