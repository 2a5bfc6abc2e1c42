import type { LocalizedMessage, RegistryFileError, RegistryFileErrorCode } from './registry.types';

/** `第 12 行 「统一社会信用代码」: 校验位错误` / `row 12 "统一社会信用代码": check digit is wrong` */
export function rowMessage(
  rowNumber: number,
  header: string | undefined,
  detail: LocalizedMessage,
): LocalizedMessage {
  return header === undefined
    ? { zh: `第 ${rowNumber} 行: ${detail.zh}`, en: `row ${rowNumber}: ${detail.en}` }
    : {
        zh: `第 ${rowNumber} 行 「${header}」: ${detail.zh}`,
        en: `row ${rowNumber} "${header}": ${detail.en}`,
      };
}

export function fileError(code: RegistryFileErrorCode, zh: string, en: string): RegistryFileError {
  return { code, message: { zh, en } };
}

/** Sizes in MiB with one decimal, the unit an operator's file browser shows. */
export function mib(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MiB`;
}
