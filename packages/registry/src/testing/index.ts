export { buildProject } from '@hub/contracts/testing';
export * from './project.arbitrary';
