// The request `run` sends when no --input is given: the contract's sample for the operation when it has one.
import type { Operation } from '../../host/src/contract/operations';

export function sampleRequest(_operation: Operation): unknown {
  return {};
}
