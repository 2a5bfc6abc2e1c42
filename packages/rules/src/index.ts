export * from './facts';
export * from './model';
export * from './engine';
export * from './packs';
export { ZBaseSettings, ZUpdateCycleDays, type BaseSettings } from './shared/settings';
export { CHECKS, type CatalogueEntry, type CheckDefinition, type PackSettings } from './checks';
export {
  PackFileError,
  describePack,
  describeRequirement,
  formatIssue,
  packSource,
  registerPackDir,
  validatePackFile,
  type CompiledPack,
  type PackFileIssue,
} from './pack-files';
export * from './matching';
