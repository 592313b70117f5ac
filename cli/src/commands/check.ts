import { planned } from '../planned';

export const checkCommand = planned('check', 'Check plugin.yaml manifests and WIT files', 2, `Usage: mockforge-plugin check <file|dir>... [--format text|json]`);
