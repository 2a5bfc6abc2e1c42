/* Filled in by the mlps contract: zod schemas of its records, envelope and pages. */
export {};
