// The ABI exports, re-exported so plugins can write `export { ... } from '@mockforge/plugin-sdk/abi'`.
export * from './assembly/abi';
