// The statuses of a round as JSON shows them (issue 14): one list for the request and response
// schemas, the list filter and the export document. Free of imports, since export-schema.ts (which
// the CLI loads without the server) reads it too. The database's CHECK (migration 0006) mirrors it.

export const ROUND_STATUSES = ['open', 'evaluated', 'publicity', 'final'] as const;
