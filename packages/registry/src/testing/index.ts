export { buildProject } from '@hub/contracts/testing';
export * from './project.arbitrary';
export { buildZip } from './zip.builder';
