export * from './audit-actions';
export * from './statuses';
export * from './text';
export * from './time';
export * from './upstream-values';
export * from './verdicts';
