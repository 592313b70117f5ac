import { planned } from '../planned';

export const healthCommand = planned('health', 'Check the health of a remote plugin service', 8, `Usage: mockforge-plugin health <plugin dir|plugin.yaml>`);
