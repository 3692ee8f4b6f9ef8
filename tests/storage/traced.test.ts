import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runMigrations } from '../../src/storage';
import { tracedDb } from '../../src/storage/traced';
import { forEachEngine } from '../support/databases';

/**
 * Database work as spans (used when tracing is on): one per query, one per
 * transaction with its queries as children, the SQL with its placeholders
 * and never a parameter value; migrations still run whole scripts.
 */
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
beforeAll(() => provider.register());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => exporter.reset());

const attrsOf = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name).map((s) => s.attributes);

forEachEngine(({ engine, open }) => {
  const system = engine === 'postgres' ? 'postgresql' : 'sqlite';

  it('makes a span per query naming the operation and table, with the SQL but never its parameters', async () => {
    const db = tracedDb(await open(), provider.getTracer('test'));
    await db.run('INSERT INTO users (id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?)', ['u1', 'secret-person@example.com', 'Sam', 'user', '2026-01-01']);
    expect(await db.get<{ email: string }>('SELECT email FROM users WHERE id = ?', ['u1'])).toEqual({ email: 'secret-person@example.com' });
    expect(attrsOf('SELECT users')).toEqual([
      { 'db.system.name': system, 'db.operation.name': 'SELECT', 'db.collection.name': 'users', 'db.query.text': 'SELECT email FROM users WHERE id = ?' },
    ]);
    expect(attrsOf('INSERT users')).toHaveLength(1);
    expect(JSON.stringify(exporter.getFinishedSpans().map((s) => [s.name, s.attributes]))).not.toContain('secret-person');
    await db.close();
  });

  it('makes a span per transaction, its queries its children, and marks a failed query with its code only', async () => {
    const db = tracedDb(await open(), provider.getTracer('test'));
    await db.transaction(async (tx) => {
      await tx.get('SELECT COUNT(*) AS n FROM users');
      await tx.get('SELECT COUNT(*) AS n FROM api_keys');
    });
    const spans = exporter.getFinishedSpans();
    const transaction = spans.find((s) => s.name === 'transaction')!;
    expect(transaction.attributes).toEqual({ 'db.system.name': system });
    const children = spans.filter((s) => s.parentSpanContext?.spanId === transaction.spanContext().spanId).map((s) => s.name);
    expect(children).toEqual(['SELECT users', 'SELECT api_keys']);

    exporter.reset();
    await expect(db.get('SELECT nope FROM no_such_table WHERE id = ?', ['value-not-logged'])).rejects.toThrow();
    const [failed] = exporter.getFinishedSpans();
    expect(failed!.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed!.attributes['error.type']).toBe(engine === 'postgres' ? '42P01' : 'SQLITE_ERROR');
    expect(JSON.stringify([failed!.attributes, failed!.status, failed!.events])).not.toContain('value-not-logged');
    await db.close();
  });

  it('runs migration scripts through a traced database', async () => {
    const db = tracedDb(await open(), provider.getTracer('test'));
    const { applied } = await runMigrations(db, [{ id: 'tracetest/001_t', sql: 'CREATE TABLE traced_t (id TEXT PRIMARY KEY);\nCREATE INDEX traced_t_id ON traced_t (id);' }]);
    expect(applied).toEqual(['tracetest/001_t']);
    expect(await db.all('SELECT id FROM traced_t')).toEqual([]);
    await db.close();
  });
});
