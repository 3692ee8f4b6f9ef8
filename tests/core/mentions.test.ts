import { describe, expect, it } from 'vitest';
import { renderMentions, renderSchemaMentions, type MentionRules } from '../../src/registry/mentions';

const known = new Set(['onedesk_update_item', 'onedesk_create_worklog', 'clockify_list_users', 'clockify_list_projects', 'clockify_list_tasks', 'helpdesk_list_tickets', 'helpdesk_list_statuses', 'helpdesk_list_categories', 'desktime_list_projects', 'desktime_get_account']);
const rules = (...visible: string[]): MentionRules => ({ known, visible: new Set(visible) });

describe('tool mentions rendered for a caller', () => {
  it('leaves a text alone when every tool it names is visible (the same string)', () => {
    const text = 'Ids feed onedesk_update_item and onedesk_create_worklog.';
    expect(renderMentions(text, rules('onedesk_update_item', 'onedesk_create_worklog'))).toBe(text);
  });

  it('keeps the visible tools of a list', () => {
    expect(renderMentions('Read-only. Ids feed onedesk_update_item and onedesk_create_worklog. Filter names are assumed.', rules('onedesk_update_item'))).toBe(
      'Read-only. Ids feed onedesk_update_item. Filter names are assumed.',
    );
    expect(
      renderMentions('Ids come from helpdesk_list_tickets (tickets, users), helpdesk_list_statuses (statuses) and helpdesk_list_categories (categories).', rules('helpdesk_list_tickets', 'helpdesk_list_categories')),
    ).toBe('Ids come from helpdesk_list_tickets (tickets, users) and helpdesk_list_categories (categories).');
    expect(renderMentions('Ids: helpdesk_list_tickets or helpdesk_list_statuses.', rules('helpdesk_list_statuses'))).toBe('Ids: helpdesk_list_statuses.');
  });

  it('drops a parenthetical, or its clause, that names a hidden tool', () => {
    expect(renderMentions('Project id (from clockify_list_projects).', rules())).toBe('Project id.');
    expect(renderMentions('Default: you (ids: clockify_list_users).', rules())).toBe('Default: you.');
    expect(renderMentions('Member id (default: you; from clockify_list_users).', rules())).toBe('Member id (default: you).');
  });

  it('drops the sentence or clause that names a hidden tool, and nothing else', () => {
    expect(renderMentions('Starts tracking. Use exact names from desktime_list_projects: DeskTime creates missing ones. Example: x.', rules())).toBe('Starts tracking. Example: x.');
    expect(renderMentions('Dates in the company time zone, e.g. "today"; see desktime_get_account for it. One day per call.', rules())).toBe('Dates in the company time zone, e.g. "today". One day per call.');
    expect(renderMentions('From clockify_list_projects.', rules())).toBe('');
  });

  it('ignores snake_case words that are not tools', () => {
    const text = 'Use this for status_id (see helpdesk_list_statuses).';
    expect(renderMentions(text, rules())).toBe('Use this for status_id.');
    expect(renderMentions('Pass category_id and type_id.', rules())).toBe('Pass category_id and type_id.');
  });

  it('renders the descriptions inside a schema, dropping one left empty, and keeps unchanged nodes as they are', () => {
    const schema = { type: 'object', properties: { project_id: { type: 'string', description: 'From clockify_list_projects.' }, task: { type: 'string', description: 'Task (clockify_list_tasks).' }, n: { type: 'integer', description: 'A count.' } } };
    const rendered = renderSchemaMentions(schema, rules());
    expect(rendered).toEqual({ type: 'object', properties: { project_id: { type: 'string' }, task: { type: 'string', description: 'Task.' }, n: { type: 'integer', description: 'A count.' } } });
    expect(rendered.properties.n).toBe(schema.properties.n);
    expect(renderSchemaMentions(schema, rules('clockify_list_projects', 'clockify_list_tasks'))).toBe(schema);
  });
});
