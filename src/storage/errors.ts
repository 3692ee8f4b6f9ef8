/**
 * True when a statement failed on a UNIQUE or PRIMARY KEY constraint, on
 * either engine, so callers can turn a race into a `conflict` (or re-read)
 * instead of an internal error.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
