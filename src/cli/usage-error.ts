// A problem with how connlint was called or configured: one line on stderr, exit 2.
export class UsageError extends Error {}
