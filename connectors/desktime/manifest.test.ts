import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accessOf, type ConnectorManifest } from '../../src/registry/types';
import { validateManifest } from '../../src/registry/registry';
import desktime from './index';

const TOOL_NAMES = [
  'desktime_ping',
  'desktime_get_account',
  'desktime_list_employees',
  'desktime_get_employee',
  'desktime_get_employee_projects',
  'desktime_get_employee_projects_and_apps',
  'desktime_list_projects',
  'desktime_create_project',
  'desktime_start_project_task',
  'desktime_stop_project_task',
];

describe('the DeskTime manifest', () => {
  it('declares the ten tools the issue fixes, each passing the registry checks', () => {
    expect(desktime.tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    expect(validateManifest(desktime as unknown as ConnectorManifest<unknown, unknown>)).toEqual([]);
  });

  it('makes reads read-only and create/start/stop non-destructive writes', () => {
    const access = Object.fromEntries(desktime.tools.map((t) => [t.name, accessOf(t.annotations)]));
    for (const name of ['desktime_create_project', 'desktime_start_project_task', 'desktime_stop_project_task']) {
      expect(access[name]).toBe('write');
      expect(desktime.tools.find((t) => t.name === name)?.annotations.idempotentHint).toBe(false);
    }
    expect(Object.values(access).filter((a) => a === 'read')).toHaveLength(7);
    expect(desktime.tools.every((t) => t.annotations.openWorldHint)).toBe(true);
  });

  it('gives the model an example call and a described field for every input', () => {
    for (const tool of desktime.tools) {
      expect(tool.description, tool.name).toContain(`Example: ${tool.name} {`);
      const schema = z.toJSONSchema(tool.input, { io: 'input' }) as { properties?: Record<string, { description?: string }> };
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        expect(property.description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });

  it('is enabled by a non-empty DESKTIME_API_KEY and requires it when parsed', () => {
    expect(desktime.isConfigured({ DESKTIME_API_KEY: 'abc123xyz' })).toBe(true);
    expect(desktime.isConfigured({ DESKTIME_API_KEY: '  ' })).toBe(false);
    expect(desktime.isConfigured({})).toBe(false);
    expect(desktime.configSchema.parse({ DESKTIME_API_KEY: ' abc123xyz ' })).toEqual({ apiKey: 'abc123xyz' });
    const missing = desktime.configSchema.safeParse({});
    expect(missing.success).toBe(false);
    expect(JSON.stringify(missing.error?.issues)).toContain('DESKTIME_API_KEY');
    expect(desktime.env.find((e) => e.name === 'DESKTIME_API_KEY')).toMatchObject({ required: true, secret: true });
    expect(desktime.defaultBaseUrl).toBe('https://desktime.com/api/v2/json');
  });
});
