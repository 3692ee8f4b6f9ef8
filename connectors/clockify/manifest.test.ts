import { describe, expect, it } from 'vitest';
import { clockifyManifest } from './index';

describe('the Clockify manifest', () => {
  it('declares the 18 toolsets, time_entries, reports and setup on by default', () => {
    expect(clockifyManifest.toolsets.map((t) => t.id).sort()).toEqual(
      ['bulk', 'changes', 'clients', 'expenses', 'groups', 'holidays', 'projects', 'reports', 'scheduling', 'setup', 'shared_reports', 'tags', 'tasks', 'templates', 'time_entries', 'users', 'webhooks', 'workspace'].sort(),
    );
    expect(clockifyManifest.toolsets.filter((t) => t.default).map((t) => t.id)).toEqual(['time_entries', 'reports', 'setup']);
    expect(clockifyManifest.minRole).toBe('staff');
  });

  it('is enabled by CLOCKIFY_API_KEY and lists every variable it reads, the key as a secret', () => {
    expect(clockifyManifest.isConfigured({ CLOCKIFY_API_KEY: ' k ' })).toBe(true);
    expect(clockifyManifest.isConfigured({})).toBe(false);
    expect(clockifyManifest.env.find((e) => e.name === 'CLOCKIFY_API_KEY')).toMatchObject({ secret: true, required: true });
    for (const name of ['CLOCKIFY_BASE_URL', 'CLOCKIFY_REPORTS_BASE_URL', 'CLOCKIFY_REGION', 'CLOCKIFY_WORKSPACE_ID', 'CLOCKIFY_ACT_AS', 'CLOCKIFY_MAX_RPS']) {
      expect(clockifyManifest.env.map((e) => e.name)).toContain(name);
    }
  });

  it('the admin-only tools say so', () => {
    const admin = clockifyManifest.tools.filter((t) => t.minRole === 'admin').map((t) => t.name);
    for (const name of ['clockify_create_time_entry_for_user', 'clockify_set_workspace_hourly_rate', 'clockify_set_user_hourly_rate', 'clockify_create_workspace']) {
      expect(admin).toContain(name);
    }
  });
});
