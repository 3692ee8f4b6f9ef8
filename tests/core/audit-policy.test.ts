import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditArgsOf, auditPolicyFor, keptByDefault } from '../../src/audit/policy';
import { connectorCatalog } from '../../src/registry/catalog';
import type { ObjectSchema, ToolDefinition } from '../../src/registry/types';

/**
 * The audit trail's argument policy (src/audit/policy.ts): which arguments of
 * a tool call are kept. Ids, dates, object names and enum values are; free
 * text and secrets never are, whatever a tool declares.
 */
const FREE_TEXT_OR_SECRET = /^(description|body|note|notes|comment|comments|text|content|message|subject|summary|query|q|search|reason|details?|api_key|password|secret|token)$/;

type Tool = ToolDefinition<never, ObjectSchema, ObjectSchema>;
const tools = connectorCatalog.flatMap((m) => m.tools.map((tool) => ({ connector: m.id, tool: tool as unknown as Tool })));

describe('the audit argument policy', () => {
  it('keeps no free-text or secret field for any tool in the catalog', () => {
    expect(tools.length).toBeGreaterThan(50);
    const leaks = tools.flatMap(({ tool }) => auditPolicyFor(tool).fields.filter((f) => FREE_TEXT_OR_SECRET.test(f)).map((f) => `${tool.name}.${f}`));
    expect(leaks).toEqual([]);
  });

  it('keeps ids, enums and dates of a ticket creation, and drops its subject and description', () => {
    const create = tools.find((t) => t.tool.name === 'helpdesk_create_ticket')!.tool;
    expect(auditPolicyFor(create)).toEqual({ fields: ['category_id', 'type_id', 'item_id', 'priority'], from: 'default' });
    expect(
      auditArgsOf(create, { subject: 'Door code 4711', description: 'The code is 4711', category_id: 'c1', priority: 'High', type_id: null }),
    ).toEqual({ category_id: 'c1', priority: 'High', type_id: null });
  });

  it('keeps dates and names by their field names, lists of ids, and cuts long values', () => {
    expect(['start', 'end', 'date', 'since', 'until', 'start_date', 'created_at', 'end_time', 'name', 'project_name', 'ticket_id', 'user_ids', 'id'].filter((n) => !keptByDefault(n))).toEqual([]);
    expect(['description', 'note', 'body', 'comment', 'query', 'q', 'api_key', 'password', 'token', 'hourly_rate', 'email'].filter((n) => keptByDefault(n))).toEqual([]);
    // An id stays an id even when its object is text or a secret.
    expect(keptByDefault('message_id')).toBe(true);
    expect(keptByDefault('status', z.enum(['open', 'closed']))).toBe(true);
    expect(keptByDefault('status', z.string())).toBe(false);

    const tool = { input: z.object({ user_ids: z.array(z.string()), name: z.string(), filter: z.object({ id: z.string() }) }) } as unknown as Tool;
    const kept = auditArgsOf(tool, { user_ids: Array.from({ length: 60 }, (_, i) => `u${i}`), name: 'x'.repeat(500), filter: { id: 'f' } })!;
    expect(kept.user_ids).toHaveLength(51);
    expect((kept.user_ids as string[]).at(-1)).toBe('…10 more');
    expect((kept.name as string).length).toBe(201);
    expect(kept).not.toHaveProperty('filter');
  });

  it('keeps whom a call is about: a report filtered by people keeps them, by the name the model used', () => {
    const report = tools.find((t) => t.tool.name === 'clockify_get_summary_report')!.tool;
    expect(auditPolicyFor(report).fields).toContain('users');
    expect(auditArgsOf(report, { users: ['me', 'Ana Lima'], start: '2026-12-01' })).toMatchObject({ users: ['me', 'Ana Lima'], start: '2026-12-01' });
    const onBehalf = tools.find((t) => t.tool.name === 'onedesk_update_item')!.tool;
    expect(auditPolicyFor(onBehalf).fields).toContain('assignees');
    expect(['user', 'users', 'employee', 'assignee', 'assignees', 'person'].filter((n) => !keptByDefault(n))).toEqual([]);
  });

  it('lets a tool name its own fields, but never free text or a secret', () => {
    const tool = { input: z.object({ note: z.string(), hours: z.number(), api_key: z.string() }), auditArgs: ['hours', 'note', 'api_key'] } as unknown as Tool;
    expect(auditPolicyFor(tool)).toEqual({ fields: ['hours'], from: 'tool' });
    expect(auditArgsOf(tool, { note: 'private', hours: 2, api_key: 'k' })).toEqual({ hours: 2 });
  });
});
