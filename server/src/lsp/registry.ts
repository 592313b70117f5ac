// Every language the server speaks. A language plugs in by adding one line here (see features.ts for the interface).
import type { LanguageFeatures } from './features';
import { createManifestService } from '../manifest/service';
import { createWitFeatures } from '../wit/features';

export function createLanguageFeatures(): LanguageFeatures[] {
  return [
    createManifestService(),
    createWitFeatures(),
  ];
}
