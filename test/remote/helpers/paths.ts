// Repository paths for the remote tests (compiled to out/test/remote/helpers, so the root is four levels up).
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');
export const FIXTURES = resolve(ROOT, 'test/fixtures/remote');
