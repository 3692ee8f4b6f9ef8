import { z } from 'zod';
import { notFound } from '../../src/errors';
import { toolFactory, type ConnectorManifest } from '../../src/registry/types';

/**
 * A vendor-less connector for framework tests and the benchmark: one tool of
 * each access level, no I/O. Notes live in memory (tests only).
 */
interface EchoRuntime {
  notes: Map<string, string>;
}

const defineTool = toolFactory<EchoRuntime>();

const echo = defineTool({
  name: 'echo_get_message',
  title: 'Echo a message',
  description: 'Returns the message it is given, with the caller. Example: echo_get_message({"message":"hi"}).',
  toolset: 'basic',
  input: z.object({
    message: z.string().min(1).max(200).describe('Text to echo back, 1-200 characters.'),
    times: z.number().int().min(1).max(5).default(1).describe('How many times to repeat it (1-5).'),
  }),
  output: z.object({ echoed: z.string(), caller: z.string().describe('Email of the acting user (from the API key).') }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ message, times }, ctx) => {
    // An error whose hint and alternatives name another tool (the mention tests).
    if (message === 'note?') {
      throw notFound('No note to echo.', { hint: 'Create one with echo_create_note, then echo it.', alternatives: ['echo_create_note {"id": "n1", "text": "hi"}'] });
    }
    return { echoed: Array.from({ length: times }, () => message).join(' '), caller: ctx.principal.user.email };
  },
});

const createNote = defineTool({
  name: 'echo_create_note',
  title: 'Create a note',
  description: 'Stores a note in memory. Example: echo_create_note({"id":"n1","text":"hello"}).',
  toolset: 'notes',
  input: z.object({ id: z.string().min(1).describe('Note id.'), text: z.string().describe('Note text.') }),
  output: z.object({ id: z.string(), stored: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ id, text }, ctx) => {
    ctx.runtime.notes.set(id, text);
    return { id, stored: true };
  },
});

const deleteNote = defineTool({
  name: 'echo_delete_note',
  title: 'Delete a note',
  description: 'Deletes a stored note. Example: echo_delete_note({"id":"n1"}).',
  toolset: 'notes',
  input: z.object({ id: z.string().min(1).describe('Note id from echo_create_note.') }),
  output: z.object({ id: z.string(), deleted: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  handler: async ({ id }, ctx) => {
    if (!ctx.runtime.notes.delete(id)) throw notFound(`No note ${id}.`, { hint: 'Create it first with echo_create_note.' });
    return { id, deleted: true };
  },
});

export const echoConnector: ConnectorManifest<Record<string, never>, EchoRuntime> = {
  id: 'echo',
  title: 'Echo (test connector)',
  configSchema: z.object({}).transform(() => ({}) as Record<string, never>),
  env: [],
  isConfigured: () => true,
  toolsets: [
    { id: 'basic', description: 'Echo' },
    { id: 'notes', description: 'In-memory notes' },
  ],
  tools: [echo, createNote, deleteNote] as unknown as ConnectorManifest<Record<string, never>, EchoRuntime>['tools'],
  start: () => ({ notes: new Map() }),
  healthCheck: async () => ({ ok: true, detail: 'echo is always up' }),
};
