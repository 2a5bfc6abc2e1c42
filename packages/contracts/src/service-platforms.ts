/* Filled in by the service-platforms contract: zod schemas of its records, envelope and pages. */
export {};
