// Every semantic rule, in the order their diagnostics are reported. RULES depend only on the text.
import type { Rule } from './context';
import { idRule, versionRule, licenseRule } from './identity';
import { runtimeSectionsRule } from './runtime';
import { endpointRule, healthIntervalRule, inlineSecretRule } from './remote';
import { networkRule, filesystemRule } from './capabilities';
import { artifactRule } from './artifact';

export const RULES: readonly Rule[] = [
  idRule,
  versionRule,
  licenseRule,
  runtimeSectionsRule,
  endpointRule,
  healthIntervalRule,
  inlineSecretRule,
  networkRule,
  filesystemRule,
];

/** Rules that read other files: never memoised, the files change while the manifest does not. */
export const FILE_RULES: readonly Rule[] = [artifactRule];
