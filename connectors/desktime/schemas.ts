import { z } from 'zod';
import { personRefSchema } from '../../src/format/names';

/**
 * Two kinds of schema live here. The vendor schemas parse what DeskTime
 * sends: most of its shapes are known only from third-party code, so they
 * keep unknown fields and let a field of an unexpected type fall away rather
 * than fail the whole answer. The output schemas describe what the model
 * reads, and are exact.
 */

/** DeskTime sends some numbers as strings (`"work_duration": "28800"`). */
const looseNumber = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const vendorId = z.union([z.number().int(), z.string().trim().regex(/^\d+$/).transform(Number)]);

export const vendorPing = z.looseObject({ pong: optional(z.union([z.string(), z.number()])) });

export const vendorCompany = z.looseObject({
  name: optional(z.string()),
  work_starts: optional(z.string()),
  work_ends: optional(z.string()),
  work_duration: optional(looseNumber),
  working_days: optional(looseNumber),
  work_start_tracking: optional(z.string()),
  work_stop_tracking: optional(z.string()),
  timezone_identifier: optional(z.string()),
});
export type VendorCompany = z.infer<typeof vendorCompany>;

export const vendorProjectEntry = z.looseObject({
  project_id: optional(vendorId),
  project_title: optional(z.string()),
  task_id: optional(vendorId.nullable()),
  task_title: optional(z.string().nullable()),
  duration: optional(looseNumber),
});
export type VendorProjectEntry = z.infer<typeof vendorProjectEntry>;

export const vendorApp = z.looseObject({
  id: optional(vendorId),
  app: optional(z.string()),
  name: optional(z.string()),
  type: optional(z.string()),
  category_id: optional(looseNumber),
  duration: optional(looseNumber),
});

const stringOrFalse = z.union([z.string(), z.literal(false), z.null()]);

/** One employee on one day, as /employees, /employee and its variants send it. */
export const vendorEmployeeDay = z.looseObject({
  id: vendorId,
  name: optional(z.string()),
  email: optional(z.string().nullable()),
  groupId: optional(vendorId.nullable()),
  group: optional(z.string().nullable()),
  profileUrl: optional(z.string()),
  isOnline: optional(z.boolean()),
  arrived: optional(stringOrFalse),
  left: optional(stringOrFalse),
  late: optional(z.boolean()),
  onlineTime: optional(looseNumber),
  offlineTime: optional(looseNumber),
  desktimeTime: optional(looseNumber),
  atWorkTime: optional(looseNumber),
  afterWorkTime: optional(looseNumber),
  beforeWorkTime: optional(looseNumber),
  productiveTime: optional(looseNumber),
  productivity: optional(looseNumber),
  efficiency: optional(looseNumber),
  work_starts: optional(z.string()),
  work_ends: optional(z.string()),
  // An object of label → text, or an empty array when there are none (PHP's empty-array habit).
  notes: optional(z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])),
  activeProject: optional(z.union([vendorProjectEntry, z.array(z.unknown())])),
  // Productivity class ("-1", "0", "1") → app key → app.
  apps: optional(z.union([z.record(z.string(), z.union([z.record(z.string(), vendorApp), z.array(z.unknown())])), z.array(z.unknown())])),
  // Entries are parsed one by one when normalised, so one odd entry does not hide the rest.
  projects: optional(z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())])),
});
export type VendorEmployeeDay = z.infer<typeof vendorEmployeeDay>;
export type VendorEmployees = z.infer<typeof vendorEmployees>;

/** /employees: `{employees: {"YYYY-MM-DD": {"<id>": employee}}}`; an empty day may be `[]`. */
export const vendorEmployees = z.looseObject({
  employees: z.union([
    z.record(z.string(), z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])),
    z.array(z.unknown()),
  ]),
});

export const vendorTask = z.looseObject({ id: optional(vendorId), name: optional(z.string()) });

export const vendorProject = z.looseObject({
  id: optional(vendorId),
  name: optional(z.string()),
  created_at: optional(z.string().nullable()),
  tasks: optional(z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())])),
});

/** /projects: `{projects: […]}` per the reference, unverified; a keyed object is accepted too. */
export const vendorProjects = z.looseObject({
  projects: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
});

/** Create, start and stop answer in shapes nobody has recorded: anything that is an object. */
export const vendorAnyObject = z.looseObject({});

// ---------------------------------------------------------------------------
// What the model reads.

export const durationOut = z.object({
  seconds: z.number().int().describe('Whole seconds.'),
  readable: z.string().describe('The same span for people, e.g. "2h 15m".'),
});

/** Fields DeskTime sent that this gateway does not interpret, passed through unchanged. */
export const extraOut = z
  .record(z.string(), z.unknown())
  .describe('Fields DeskTime sent that the gateway does not interpret, passed through unchanged.');

export const projectEntryOut = z.object({
  project_id: z.number().int().nullable(),
  project_name: z.string().nullable(),
  task_id: z.number().int().nullable(),
  task_name: z.string().nullable(),
  time: durationOut.nullable(),
});
export type ProjectEntryOut = z.infer<typeof projectEntryOut>;

export const appOut = z.object({
  name: z.string(),
  app: z.string().nullable().describe('DeskTime\'s key for the app or site, e.g. "phpstorm" or "github.com".'),
  kind: z.string().nullable().describe('"app" or "web" as DeskTime reports it.'),
  productivity: z
    .enum(['productive', 'neutral', 'unproductive', 'unclassified'])
    .describe('From DeskTime\'s class key (1, 0, -1); that mapping is inferred, not documented by DeskTime.'),
  time: durationOut,
});
export type AppOut = z.infer<typeof appOut>;

export const employeeDayOut = z.object({
  id: z.number().int().nullable().describe('DeskTime employee id.'),
  name: z.string().nullable(),
  email: z.string().nullable(),
  group_id: z.number().int().nullable(),
  group_name: z.string().nullable(),
  is_online: z.boolean().nullable(),
  arrived_at: z.string().nullable().describe('ISO 8601 with the company zone\'s offset, or null if not arrived.'),
  left_at: z.string().nullable(),
  late: z.boolean().nullable(),
  work_starts: z.string().nullable(),
  work_ends: z.string().nullable(),
  desktime_time: durationOut.nullable().describe('Time DeskTime tracked the computer in use.'),
  productive_time: durationOut.nullable(),
  online_time: durationOut.nullable(),
  offline_time: durationOut.nullable(),
  at_work_time: durationOut.nullable(),
  before_work_time: durationOut.nullable(),
  after_work_time: durationOut.nullable(),
  productivity_percent: z.number().nullable(),
  efficiency_percent: z.number().nullable(),
  active_project: projectEntryOut.nullable().describe('What the employee is tracking now, if anything.'),
  notes: z.array(z.object({ label: z.string(), value: z.string() })),
  profile_url: z.string().nullable(),
  extra: extraOut,
});
export type EmployeeDayOut = z.infer<typeof employeeDayOut>;

// ---------------------------------------------------------------------------
// Input fields shared by the employee tools.

export const dateArg = z
  .string()
  .max(40)
  .optional()
  .describe(
    'Day: "YYYY-MM-DD", "today", "yesterday" or a weekday (default today).',
  );

export const employeeIdArg = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('Employee id from desktime_list_employees (default: the API key owner).');

export const employeeNameArg = personRefSchema()
  .optional()
  .describe('Employee name, email or "me" instead of employee_id (exact, case-insensitive; names: staff only).');
