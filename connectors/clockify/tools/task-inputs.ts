import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import type { ToolContext } from '../../../src/registry/types';
import { CONNECTOR } from '../errors';
import type { ClockifyRuntime } from '../runtime';
import { clockifyId } from '../schemas';
import { DURATION_INPUT_HELP, parseDurationInput, parseIsoDuration, toIsoDuration } from '../time';
import { idOrName, peopleArg, projectNameArg, requireIdOrName } from './object-names';

/** Input pieces shared by the task tools: the project a task belongs to, by id or name, and an estimate. */

export const taskProjectArgs = {
  project_id: clockifyId.optional().describe('Project id (from clockify_list_projects).'),
  project: projectNameArg,
};

const PROJECT_FIELDS = { id: 'project_id', name: 'project' };

/** Before any call: the task's project was given, by id or by name (not both). */
export function checkTaskProject(args: { project_id?: string; project?: string }) {
  requireIdOrName('project', args.project_id, args.project, PROJECT_FIELDS);
}

export async function taskProject(ctx: ToolContext<ClockifyRuntime>, ws: string, args: { project_id?: string; project?: string }) {
  return idOrName(ctx, ws, 'project', args.project_id, args.project, PROJECT_FIELDS);
}

export const estimateArg = z
  .union([z.string().trim().min(1).max(20), z.number().positive().max(100_000)])
  .optional()
  .describe(`Time estimate: ${DURATION_INPUT_HELP}; a bare number is minutes.`);

/** An estimate as Clockify's ISO form; ISO inputs may exceed the week a time entry is capped at. */
export function estimateToIso(input: string | number): string {
  if (typeof input === 'string' && /^p/i.test(input)) {
    const seconds = parseIsoDuration(input);
    if (seconds === undefined || seconds <= 0) {
      throw invalidArgument(`"${input}" is not a duration.`, { connector: CONNECTOR, fields: [{ field: 'estimate', problem: `expected ${DURATION_INPUT_HELP}` }] });
    }
    return toIsoDuration(seconds);
  }
  return toIsoDuration(parseDurationInput(input, 'estimate'));
}

export const assigneeIdsArg = peopleArg.max(100).optional().describe('Assignees: ids, "me", names, first names or emails.');
