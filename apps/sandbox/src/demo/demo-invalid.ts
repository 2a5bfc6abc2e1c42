import type { RecordBreak } from './demo-plan';

/**
 * The ways upstream records of the demo city break their contract, each in one field, as the
 * platforms' clerks and batch jobs really break them. A broken record that still names its project
 * (code, unit and system name, or parent) is kept by the hub as untrusted evidence of that project;
 * one that names none stays a record problem of no project.
 */

/** A value the contract does not allow there, e.g. `networkZone: "egov_extranet"`, `status: "LIVE"`. */
export const valueNotInContract =
  (field: string, value: unknown): RecordBreak =>
  (record) => {
    record[field] = value;
  };

/** An ISO time written as Beijing wall-clock time without its zone (an old batch job's format). */
export const withoutZone =
  (field: string): RecordBreak =>
  (record) => {
    record[field] = String(record[field]).slice(0, 19).replace('T', ' ');
  };

/** An ISO time written `yyyy/MM/dd HH:mm:ss`, as a legacy console exports it. */
export const slashedTime =
  (field: string): RecordBreak =>
  (record) => {
    record[field] = String(record[field]).slice(0, 19).replace('T', ' ').replaceAll('-', '/');
  };

/** An MLPS time moved to 30 February of its year: a day the registry's date picker should refuse. */
export const thirtiethOfFebruary =
  (field: string): RecordBreak =>
  (record) => {
    const time = String(record[field]);
    record[field] = `${time.slice(0, 4)}-02-30 ${time.slice(11)}`;
  };

/** The 备案证明编号 typed without its dash. */
export const filingNoWithoutDash: RecordBreak = (record) => {
  record['filingNo'] = String(record['filingNo']).replace('-', '');
};

/** A code cut short by a digit, e.g. a 19-digit GB/T 28181 code. */
export const truncated =
  (field: string, length: number): RecordBreak =>
  (record) => {
    record[field] = String(record[field]).slice(0, length);
  };

/** A required field left out. */
export const missing =
  (field: string): RecordBreak =>
  (record) => {
    delete record[field];
  };
