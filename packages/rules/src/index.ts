export * from './facts';
export * from './model';
export * from './engine';
export * from './packs';
export { ZBaseSettings, ZUpdateCycleDays, type BaseSettings } from './shared/settings';
export { ZYueyangSettings, type YueyangSettings } from './packs/yueyang/settings';
export { ZChenzhouSettings, type ChenzhouSettings } from './packs/chenzhou/settings';
export * from './matching';
