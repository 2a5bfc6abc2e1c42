/* Filled in by the video contract: zod schemas of its records, envelope and pages. */
export {};
