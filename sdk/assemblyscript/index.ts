// Package entry for asc's resolver (it looks for <package>/index.ts).
export * from './assembly/index';
