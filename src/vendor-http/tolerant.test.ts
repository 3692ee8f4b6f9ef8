import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capturingLogger } from '../../tests/support/connector-kit';
import { extraWithUnreadable, readList, readObject, resetReadWarnings, unreadableOf, unreadFields, withReadReport } from './tolerant';
import type { ObjectSchema, ToolDefinition } from '../registry/types';

const group = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  teamManagers: z.array(z.looseObject({ id: z.string(), name: z.string().nullish() })).nullish(),
  interval: z.looseObject({ start: z.string().nullish() }),
});

describe('readObject / readList', () => {
  it('keeps an item whose field has an unexpected shape: that field empty, its raw value kept for extra', () => {
    const item = readObject(group, { id: 'g1', name: 7, teamManagers: ['u1'], interval: { start: '2024-01-01' }, other: true }, { vendor: 'v', what: 'group' });
    expect(JSON.parse(JSON.stringify(item))).toEqual({ id: 'g1', teamManagers: [], interval: { start: '2024-01-01' }, other: true });
    expect(unreadableOf(item)).toEqual({ name: 7, teamManagers: ['u1'] });
    expect(extraWithUnreadable(item!, Object.keys(group.shape))).toEqual({ other: true, name: 7, teamManagers: ['u1'] });
    // Spreads keep it; JSON never shows it.
    expect(unreadableOf({ ...item })).toEqual({ name: 7, teamManagers: ['u1'] });
    expect(JSON.stringify(item)).not.toContain('u1');
  });

  it('reads a missing required field as null and a missing required object as an empty one', () => {
    const item = readObject(group, { name: 'Design' }, { vendor: 'v', what: 'group' });
    expect(item).toEqual({ id: null, name: 'Design', interval: {} });
  });

  it('never drops a list item for a field, and warns once per field per process, never with the value', () => {
    resetReadWarnings();
    const { log, text } = capturingLogger();
    const list = readList(group, [{ id: 'a', name: 'secret-value-1', interval: 'x' }, { id: 'b', interval: 3 }, { id: 'c', interval: {} }], { vendor: 'v', what: 'group', log });
    expect(list.map((g) => g.id)).toEqual(['a', 'b', 'c']);
    expect(text().match(/"interval"/g)).toHaveLength(1);
    expect(text()).not.toContain('secret-value-1');
  });
});

describe('unreadFields (rows read by hand)', () => {
  it('keeps the raw value of a field read as null though sent, names a missing needed field, and warns once per field', () => {
    resetReadWarnings();
    const { log, text } = capturingLogger();
    const options = { vendor: 'v', what: 'message', log };
    const row = { externalId: 42, text: ['secret-value-2'], created: '2024-01-01' };
    expect(unreadFields(row, [[['externalId', 'id'], null, 'needed'], [['content', 'text'], null], ['created', '2024-01-01'], ['visibility', null]], options)).toEqual({
      externalId: 42,
      text: ['secret-value-2'],
    });
    expect(unreadFields({ content: 'x' }, [[['externalId', 'id'], null, 'needed'], ['content', 'x']], options)).toEqual({});
    expect(text().match(/"externalId"/g)).toHaveLength(1);
    expect(text()).toContain('"text"');
    expect(text()).not.toContain('secret-value-2');
  });
});

describe('withReadReport', () => {
  const tool: ToolDefinition<unknown, ObjectSchema, ObjectSchema> = {
    name: 'v_list_groups',
    title: 't',
    description: 'd',
    toolset: 'x',
    input: z.object({}),
    output: z.object({ n: z.number() }),
    annotations: { readOnlyHint: true },
    handler: async (args: Record<string, unknown>) => {
      const raw = (args as { raw?: unknown[] }).raw ?? [];
      return { n: readList(group, raw, { vendor: 'v', what: 'group' }).length };
    },
  } as never;
  const [wrapped] = withReadReport([tool]);

  it('says how many items were partly read and which fields, only when some were', async () => {
    const ctx = {} as never;
    expect(await wrapped!.handler({ raw: [{ id: 'a', interval: {} }] } as never, ctx)).toEqual({ n: 1 });
    const out = (await wrapped!.handler({ raw: [{ id: 'a', interval: {} }, { id: 9, interval: {} }, { interval: {}, name: [] }] } as never, ctx)) as Record<string, unknown>;
    expect(out).toMatchObject({ n: 3, partly_read: { items: 2, fields: ['id', 'name'] } });
    expect(wrapped!.output.safeParse(out).success).toBe(true);
  });
});
