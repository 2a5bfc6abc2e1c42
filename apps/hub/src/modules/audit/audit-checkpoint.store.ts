import fs from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { HubEnv } from '../../config/env';
import { HUB_ENV } from '../../infra/tokens';
import type { AuditCheckpoint } from './audit-chain';

/** How much of the file's end is read to find the last checkpoint written. */
const TAIL_BYTES = 64 * 1024;

/**
 * The checkpoint file (HUB_AUDIT_CHECKPOINT_FILE): JSON lines, only ever appended to. Each line goes
 * out in one write on a file opened for appending, so processes sharing the file on one host never
 * interleave their lines. Mode 0600; `chattr +a` makes it append-only for the OS as well.
 */
@Injectable()
export class AuditCheckpointStore {
  constructor(@Inject(HUB_ENV) private readonly env: HubEnv) {}

  get file(): string {
    return this.env.HUB_AUDIT_CHECKPOINT_FILE;
  }

  async append(checkpoint: AuditCheckpoint): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await fs.promises.appendFile(this.file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600, flag: 'a' });
  }

  /** Every line, in order; none when the file does not exist yet. */
  async lines(): Promise<string[]> {
    try {
      return (await fs.promises.readFile(this.file, 'utf8')).split('\n');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  /** The complete lines at the end of the file, newest last (a cheap look at what was written last). */
  async tail(): Promise<string[]> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(this.file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n');
      return start > 0 ? lines.slice(1) : lines; // the first may be cut
    } finally {
      await handle.close();
    }
  }
}
