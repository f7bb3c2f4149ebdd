// The --format values: known before any reporter is loaded, for argument parsing.
export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
