export * from './common';
export * from './credit-code';
export * from './gov-cloud';
export * from './dataset';
export * from './project';
export * from './registry-columns';
