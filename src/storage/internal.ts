/** Shared between the two engines and the migration runner; not part of the storage contract. */
import { AsyncLocalStorage } from 'node:async_hooks';

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
/**
 * Marks the async context of an open transaction, so a query on the outer Db
 * inside one fails loudly instead of waiting for itself forever. An enabled
 * AsyncLocalStorage makes Node run a hook on every promise in the process
 * (about a tenth of the gateway's CPU per tool call, measured), so the
 * storage is enabled only while a transaction is open and disabled again
 * when the last one ends; outside transactions the check is one comparison.
 */
export class TransactionMarker {
  private readonly storage = new AsyncLocalStorage<{ open: boolean }>();
  private openCount = 0;

  async run<T>(state: { open: boolean }, fn: () => Promise<T>): Promise<T> {
    this.openCount++;
    try {
      return await this.storage.run(state, fn);
    } finally {
      if (--this.openCount === 0) this.storage.disable();
    }
  }

  /** True inside the callback of a transaction that is still open. */
  inside(): boolean {
    return this.openCount > 0 && this.storage.getStore()?.open === true;
  }
}

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
