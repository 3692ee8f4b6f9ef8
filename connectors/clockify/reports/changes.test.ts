import { describe, expect, it } from 'vitest';
import { changeDocuments, toChangedEntity } from './changes';

const iso = (s: string) => s;

describe('change feed documents', () => {
  it('reads both list shapes', () => {
    expect(changeDocuments([1])).toEqual([1]);
    expect(changeDocuments({ response: [2] })).toEqual([2]);
    expect(changeDocuments({ other: 1 })).toBeUndefined();
  });

  it('keeps short scalar fields only, and the type Clockify reports over the one asked for', () => {
    const entity = toChangedEntity(
      { id: 'c1', documentCode: 'CLIENTS', name: 'Globex', note: 'x'.repeat(500), address: { street: 'Main' }, archived: false, auditMetadata: { createdAt: '2024-03-11T08:00:00Z' } },
      'created',
      'project',
      iso,
    );
    expect(entity).toEqual({ type: 'client', id: 'c1', name: 'Globex', changed_at: '2024-03-11T08:00:00Z', extra: { archived: false } });
  });

  it('falls back to the creation time for an update without updatedAt, and to null without any', () => {
    expect(toChangedEntity({ id: 'p1', auditMetadata: { createdAt: '2024-03-11T08:00:00Z' } }, 'updated', 'project', iso)?.changed_at).toBe('2024-03-11T08:00:00Z');
    expect(toChangedEntity({ id: 'p1' }, 'updated', 'project', iso)?.changed_at).toBeNull();
    expect(toChangedEntity('junk', 'updated', 'project', iso)).toBeUndefined();
  });
});
