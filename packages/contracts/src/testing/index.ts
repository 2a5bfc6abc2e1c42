export * from './project.factory';
