import { planned } from '../planned';

export const benchCommand = planned('bench', 'Run the benchmarks and print the table against their peers', 10, `Usage: mockforge-plugin bench [--filter NAME] [--quick]`);
