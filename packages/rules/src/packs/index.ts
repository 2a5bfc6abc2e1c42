import { chenzhouPack } from './chenzhou';
import { registerPack } from './registry';
import { yueyangPack } from './yueyang';

export { chenzhouPack, yueyangPack };
export * from './registry';

// The built-in packs, loaded before any pack directory a deployment adds.
registerPack(yueyangPack);
registerPack(chenzhouPack);
