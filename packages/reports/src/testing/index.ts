export * from './opinion.factory';
export * from './pdf-text';
