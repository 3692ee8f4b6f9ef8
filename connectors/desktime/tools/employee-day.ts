import { z } from 'zod';
import { notFound } from '../../../src/errors';
import type { EmployeeEndpoint } from '../client';
import type { DesktimeCaller } from '../runtime';
import { dateArg, employeeIdArg, type VendorEmployeeDay } from '../schemas';

/** Hundreds of sites a day are common; the longest ones answer "what did they use". */
export const MAX_APPS = 50;

/** Input of the tools that read one employee's day. */
export const employeeDayInput = z.strictObject({ employee_id: employeeIdArg, date: dateArg });

export const employeeRefOut = z.object({ id: z.number().int(), name: z.string().nullable() });

/**
 * Shared by the three employee tools: resolve the day in the company zone,
 * then ask the endpoint for that employee (the key owner when no id).
 */
export async function fetchEmployeeDay(
  runtime: DesktimeCaller,
  endpoint: EmployeeEndpoint,
  args: { employee_id?: number | undefined; date?: string | undefined },
  signal?: AbortSignal,
): Promise<{ date: string; raw: VendorEmployeeDay }> {
  const date = await runtime.resolveDay(args.date);
  const raw = await runtime.client.employee(endpoint, { id: args.employee_id, date }, signal);
  if (args.employee_id !== undefined && raw.id !== args.employee_id) {
    // DeskTime answers for the key owner when it ignores an id; passing that day off as the asked-for employee's would mislead.
    throw notFound(`DeskTime has no employee ${args.employee_id} visible to this API key.`, {
      connector: 'desktime',
      hint: 'Call desktime_list_employees for valid employee ids, or omit employee_id for the key owner.',
    });
  }
  return { date, raw };
}
