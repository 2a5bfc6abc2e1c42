import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILTIN_PACKS_DIR } from '@hub/rules';
import { runCli } from '../cli';

const EXAMPLE = path.join(BUILTIN_PACKS_DIR, 'examples', 'shili.pack.yaml');

/** `hub …args` in this process: what it printed and the exit code it set. */
async function hub(...args: string[]) {
  const out: string[] = [];
  const stdout = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const before = process.exitCode;
  try {
    const code = await runCli(['node', 'hub', ...args]);
    return { code: code ?? process.exitCode, stdout: out.join('') };
  } finally {
    stdout.mockRestore();
    process.exitCode = before;
  }
}

describe('hub packs', () => {
  it('validates a pack file and says what each requirement would do', async () => {
    const sut = await hub('packs', 'validate', EXAMPLE);

    expect(sut.code).toBeUndefined();
    expect(sut.stdout).toContain('政策包 shili（示例）有效，5 条要求');
    expect(sut.stdout).toContain(
      '检查：evaluation-age(level3Days = 设置 evalMaxAgeDaysLevel3（默认 365）, level4Days = 设置 evalMaxAgeDaysLevel4（默认 180）)',
    );
  });

  it('lists the errors of a bad file with their lines and exits 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pack-'));
    const file = path.join(dir, 'bad.pack.yaml');
    const text = fs.readFileSync(EXAMPLE, 'utf8').replace('default: 300', 'default: -1');
    fs.writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('default: -1')) + 1;

    const sut = await hub('packs', 'validate', file, '--format', 'json');

    expect(sut.code).toBe(1);
    const answer = JSON.parse(sut.stdout) as { ok: boolean; issues: unknown[] };
    expect(answer.ok).toBe(false);
    expect(answer.issues).toContainEqual({
      file: 'bad.pack.yaml',
      line,
      key: 'settings.expertReviewMinInvestment.default',
      zh: '不得小于 0',
      en: 'must be at least 0',
    });
  });

  it('lists the loaded packs with their divisions, version and requirement count', async () => {
    const sut = await hub('packs', 'list', '--format', 'json');

    expect(JSON.parse(sut.stdout)).toEqual([
      expect.objectContaining({ id: 'yueyang', version: '2026.1', requirements: 24 }),
      expect.objectContaining({ id: 'chenzhou', version: '2026.1', requirements: 15 }),
    ]);
  });
});
