import { CHECKS } from './index';

const KIND = { check: '检查 check', condition: '条件 condition', waiver: '豁免 waiver' } as const;

/** The catalogue as the markdown table of docs/packs.md. */
export function catalogueTable(): string {
  const rows = CHECKS.map((c) => {
    const sources =
      c.kind === 'check' && Array.isArray(c.sources)
        ? c.sources.join(', ')
        : c.kind === 'check'
          ? '(params)'
          : '';
    return `| \`${c.id}\` | ${KIND[c.kind]} | ${c.title.zh} / ${c.title.en} | ${c.description.zh} | ${sources} |`;
  });
  return [
    '| id | kind | title | what it does | reads |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
