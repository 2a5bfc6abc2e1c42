export { PackFileError, formatIssue, type PackFileIssue } from './errors';
export { compilePackFile, packSource, requirementSource, type CompiledPack } from './compile';
export { PACK_FILE_SUFFIX, packFilesIn, registerPackDir, validatePackFile } from './load';
export { describePack, describeRequirement } from './describe';
