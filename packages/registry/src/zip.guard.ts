import { inflateRawSync } from 'node:zlib';

/** What makes an xlsx (a zip) too dangerous to hand to exceljs. */
export type ZipProblem =
  | { kind: 'unreadable'; reason: string }
  | { kind: 'total-too-large'; declaredBytes: number }
  | { kind: 'ratio-too-high'; entryName: string; ratio: number }
  | { kind: 'size-mismatch'; entryName: string };

export interface ZipGuardLimits {
  /** total uncompressed bytes of all entries */
  maxTotalBytes: number;
  /** uncompressed / compressed size of one entry */
  maxRatio: number;
  /** entries smaller than this skip the ratio check: they cannot exhaust memory however well they compress */
  ratioFloorBytes: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const ZIP64_MARKER = 0xffffffff;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Checks a zip before anything inflates it: the central directory's declared sizes must stay
 * within the limits, and every entry is then inflated with its declared size as a hard cap,
 * because the declared sizes are the attacker's to write and exceljs does not check them.
 * Returns null when the archive is safe to open.
 */
export function inspectZip(data: Buffer, limits: ZipGuardLimits): ZipProblem | null {
  const entries = readCentralDirectory(data);
  if (!Array.isArray(entries)) return entries;
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) return { kind: 'total-too-large', declaredBytes: total };
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize >= limits.ratioFloorBytes && ratio > limits.maxRatio) {
      return { kind: 'ratio-too-high', entryName: entry.name, ratio };
    }
  }
  for (const entry of entries) {
    const problem = verifyEntrySize(data, entry);
    if (problem) return problem;
  }
  return null;
}

function readCentralDirectory(data: Buffer): ZipEntry[] | ZipProblem {
  const eocd = findEndOfCentralDirectory(data);
  if (eocd < 0) return { kind: 'unreadable', reason: 'no end of central directory' };
  const entryCount = data.readUInt16LE(eocd + 10);
  const directorySize = data.readUInt32LE(eocd + 12);
  const directoryOffset = data.readUInt32LE(eocd + 16);
  // A registry workbook is far below 4 GiB, so zip64 only shows up in a crafted file.
  if (entryCount === 0xffff || directoryOffset === ZIP64_MARKER)
    return { kind: 'unreadable', reason: 'zip64' };
  if (directoryOffset + directorySize > eocd)
    return { kind: 'unreadable', reason: 'central directory out of range' };
  const entries: ZipEntry[] = [];
  let pos = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (pos + CENTRAL_HEADER_SIZE > eocd || data.readUInt32LE(pos) !== CENTRAL_SIGNATURE) {
      return { kind: 'unreadable', reason: 'bad central directory entry' };
    }
    const nameLength = data.readUInt16LE(pos + 28);
    const entry: ZipEntry = {
      name: data.toString('utf8', pos + CENTRAL_HEADER_SIZE, pos + CENTRAL_HEADER_SIZE + nameLength),
      method: data.readUInt16LE(pos + 10),
      compressedSize: data.readUInt32LE(pos + 20),
      uncompressedSize: data.readUInt32LE(pos + 24),
      localHeaderOffset: data.readUInt32LE(pos + 42),
    };
    if (entry.compressedSize === ZIP64_MARKER || entry.uncompressedSize === ZIP64_MARKER) {
      return { kind: 'unreadable', reason: 'zip64' };
    }
    entries.push(entry);
    pos += CENTRAL_HEADER_SIZE + nameLength + data.readUInt16LE(pos + 30) + data.readUInt16LE(pos + 32);
  }
  return entries;
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The record sits at the very end, followed only by a comment of at most 65535 bytes.
  const lowest = Math.max(0, data.length - EOCD_SIZE - 0xffff);
  for (let pos = data.length - EOCD_SIZE; pos >= lowest; pos--) {
    if (data.readUInt32LE(pos) === EOCD_SIGNATURE) return pos;
  }
  return -1;
}

function verifyEntrySize(data: Buffer, entry: ZipEntry): ZipProblem | null {
  const local = entry.localHeaderOffset;
  if (local + LOCAL_HEADER_SIZE > data.length || data.readUInt32LE(local) !== LOCAL_SIGNATURE) {
    return { kind: 'unreadable', reason: `bad local header of ${entry.name}` };
  }
  const start = local + LOCAL_HEADER_SIZE + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) return { kind: 'unreadable', reason: `${entry.name} runs past the end of the file` };
  if (entry.method === 0) {
    return entry.compressedSize === entry.uncompressedSize
      ? null
      : { kind: 'size-mismatch', entryName: entry.name };
  }
  if (entry.method !== 8)
    return { kind: 'unreadable', reason: `${entry.name} uses compression method ${entry.method}` };
  try {
    const inflated = inflateRawSync(data.subarray(start, end), {
      maxOutputLength: entry.uncompressedSize + 1,
    });
    return inflated.length === entry.uncompressedSize
      ? null
      : { kind: 'size-mismatch', entryName: entry.name };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      return { kind: 'size-mismatch', entryName: entry.name };
    }
    return { kind: 'unreadable', reason: `${entry.name} does not inflate` };
  }
}
