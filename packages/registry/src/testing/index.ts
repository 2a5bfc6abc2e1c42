export * from './project.factory';
export * from './project.arbitrary';
