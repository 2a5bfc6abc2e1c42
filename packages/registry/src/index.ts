export * from './registry.writer';
export * from './registry.types';
export { parseRegistryFile } from './registry.parser';
export type { KnownValues } from './cell.parsers';
export { projectContentHash } from './content-hash';
