export * from './registry.writer';
export * from './registry.types';
export { parseRegistryFile } from './registry.parser';
export { projectContentHash } from './content-hash';
