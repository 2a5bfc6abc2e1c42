/* Filled in by the data-exchange contract: zod schemas of its records, envelope and pages. */
export {};
