import { z } from 'zod';

/** OneDesk priorities run 0-100 in steps of 20 [T]. */
export const priorityArg = z.number().int().min(0).max(100).multipleOf(20).optional().describe('0-100 in steps of 20.');
