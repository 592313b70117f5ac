// Registers the saved-request tests with VS Code's Testing API.
import type { Ctx } from '../ctx';
import { SavedRequestTests } from './controller';

export function registerTesting(ctx: Ctx): SavedRequestTests {
  const tests = new SavedRequestTests(ctx.outputs.host);
  ctx.extension.subscriptions.push(tests);
  void tests.discover().catch((err: unknown) => ctx.outputs.host.error(`tests: discovering saved requests failed: ${String(err)}`));
  return tests;
}
