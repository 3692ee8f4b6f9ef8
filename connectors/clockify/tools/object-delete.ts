import { z } from 'zod';
import type { ToolContext } from '../../../src/registry/types';
import type { ClockifyRuntime } from '../runtime';
import type { VendorPath } from '../../../src/vendor-http/path';

/**
 * Clockify refuses to delete an active project, client or task (400, code
 * 501; the error mapper turns it into precondition_failed naming the
 * archive call). With `archive_first` the delete tool archives (tasks: sets
 * DONE) and then deletes, in one call.
 */

export const archiveFirstArg = (how: string) =>
  z.boolean().optional().describe(`true: ${how} first if needed, then delete (Clockify refuses to delete active ones). Default false.`);

export const deletedOut = (noun: string) =>
  z.object({
    deleted: z.literal(true),
    [noun]: z.object({ id: z.string(), name: z.string().nullable() }),
    archived_first: z.boolean().describe('Whether this call archived it (or set it DONE) before deleting.'),
  });

export async function deleteWithArchive<T extends { name?: string | null }>(
  ctx: ToolContext<ClockifyRuntime>,
  options: {
    path: VendorPath;
    noun: string;
    archiveFirst: boolean | undefined;
    read: z.ZodType<T>;
    isActive: (current: T) => boolean;
    archiveBody: (current: T) => Record<string, unknown>;
  },
): Promise<{ name: string | null; archivedFirst: boolean }> {
  const api = ctx.runtime.api;
  let name: string | null = null;
  let archivedFirst = false;
  if (options.archiveFirst) {
    const current = await api.call(ctx, 'GET', options.path, options.read, { operation: `get ${options.noun}` });
    name = current.name ?? null;
    if (options.isActive(current)) {
      await api.send(ctx, 'PUT', options.path, { operation: `archive ${options.noun}`, body: options.archiveBody(current) });
      archivedFirst = true;
    }
  }
  const body = await api.send(ctx, 'DELETE', options.path, { operation: `delete ${options.noun}` });
  if (body && typeof body === 'object' && typeof (body as { name?: unknown }).name === 'string') name = (body as { name: string }).name;
  return { name, archivedFirst };
}
