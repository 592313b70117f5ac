import { planned } from '../planned';

export const testCommand = planned('test', 'Run every saved request that has an expect block', 6, `Usage: mockforge-plugin test [plugin dir]`);
