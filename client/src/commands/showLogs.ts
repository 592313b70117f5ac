// Show Host Log / Show Language Server Log / Show Build Log: reveal the output channel of that concern.
import type { CommandSpec } from '../ctx';

export const showHostLog: CommandSpec = { id: 'mockforge.showHostLog', run: (ctx) => ctx.outputs.host.show(true) };
export const showServerLog: CommandSpec = { id: 'mockforge.showServerLog', run: (ctx) => ctx.outputs.server.show(true) };
export const showBuildLog: CommandSpec = { id: 'mockforge.showBuildLog', run: (ctx) => ctx.outputs.build.show(true) };
