import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * poppler's `pdftoppm` (Debian `poppler-utils`, installed by scripts/ensure-chromium.sh): the one
 * PDFTOPPM_PATH names, else the one on PATH. Missing, it fails the test saying how to install it.
 */
export function pdftoppm(): string {
  const candidates = [
    process.env['PDFTOPPM_PATH'],
    ...(process.env['PATH'] ?? '').split(path.delimiter).map((dir) => path.join(dir, 'pdftoppm')),
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new Error(
      'pdftoppm not found: run scripts/ensure-chromium.sh (installs poppler-utils) or set PDFTOPPM_PATH',
    );
  }
  return found;
}

/**
 * Every page of a PDF as a PNG at `dpi`, written to `outDir` as `<name>-<n>.png` (n from 1, not
 * zero-padded); earlier `<name>-*.png` files there are removed first so that no stale page stays.
 * Returns the files in page order.
 */
export function renderPdfPages(pdf: Buffer, outDir: string, name: string, dpi = 100): string[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-pages-'));
  try {
    const input = path.join(work, 'in.pdf');
    fs.writeFileSync(input, pdf);
    execFileSync(pdftoppm(), ['-r', String(dpi), '-png', input, path.join(work, 'page')], {
      stdio: 'pipe',
    });
    // pdftoppm pads page numbers to the width of the page count (page-01.png from 10 pages on).
    const pages = fs
      .readdirSync(work)
      .map((f) => /^page-(\d+)\.png$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    fs.mkdirSync(outDir, { recursive: true });
    const stale = new RegExp(`^${name}-\\d+\\.png$`);
    for (const f of fs.readdirSync(outDir)) if (stale.test(f)) fs.rmSync(path.join(outDir, f));
    return pages.map((m) => {
      const target = path.join(outDir, `${name}-${Number(m[1])}.png`);
      fs.copyFileSync(path.join(work, m[0]), target);
      return target;
    });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
