/** Shared between the two engines and the migration runner; not part of the storage contract. */

/** Transactions of both engines can run a multi-statement script natively (migrations use it). */
export interface ScriptRunner {
  execScript(sql: string): Promise<void>;
}

export function canRunScripts(tx: object): tx is ScriptRunner {
  return typeof (tx as Partial<ScriptRunner>).execScript === 'function';
}

/**
 * Calling the outer Db from inside its own transaction would, on SQLite, wait
 * for the lock the transaction holds (forever), and on PostgreSQL run on
 * another connection that cannot see the transaction's writes. Both are bugs,
 * so both engines fail the same loud way.
 */
export function outerDbInsideTransaction(): Error {
  return new Error(
    'A query used the outer Db inside db.transaction(); use the `tx` handed to the callback instead (nested transactions are not supported).',
  );
}

/** Splits a script into statements at `;` ending a line (the Migration contract), for Queryables without execScript. */
export function splitStatements(script: string): string[] {
  return script
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
