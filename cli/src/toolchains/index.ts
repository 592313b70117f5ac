// The toolchain adapters by manifest name.
import type { Toolchain } from '../../../host/src/manifest/types';
import { BuildPlan, BuildRequest } from './plan';
import { planAsc } from './asc';
import { planGo, planTinyGo } from './go';
import { planClang } from './clang';
import { planCargo, planRustc } from './rust';
import { planComponentizeJs, planComponentizePy } from './component';

export const BUILDABLE: readonly Toolchain[] = ['asc', 'go', 'tinygo', 'clang', 'rustc', 'cargo', 'componentize-js', 'componentize-py'];

export function planBuild(toolchain: Toolchain, req: BuildRequest): BuildPlan {
  switch (toolchain) {
    case 'asc': return planAsc(req);
    case 'go': return planGo(req);
    case 'tinygo': return planTinyGo(req);
    case 'clang': return planClang(req);
    case 'rustc': return planRustc(req);
    case 'cargo': return planCargo(req);
    case 'componentize-js': return planComponentizeJs(req);
    case 'componentize-py': return planComponentizePy(req);
  }
}
