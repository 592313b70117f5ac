// Restart Language Server: stop and start dist/server.js (after a rebuild, or when it misbehaves).
import type { CommandSpec } from '../ctx';

export const restartServer: CommandSpec = {
  id: 'mockforge.restartServer',
  run: (ctx) => ctx.server.restart(),
};
