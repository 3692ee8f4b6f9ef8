import { z } from 'zod';
import { unsupportedByVendor } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { onedeskExternalId, onedeskId } from '../shapes';

const WEB_APP = 'Delete it in the OneDesk web app (app.onedesk.com), where a user with the right role can.';
const CLOSE_ITEM = (noun: string) =>
  `onedesk_update_item {"id": <${noun} id>, "status": "<a closed or cancelled status>"} closes it instead; onedesk_get_organization lists the statuses.`;

interface DeleteSpec {
  noun: string;
  plural: string;
  /** One short sentence for the description: what the model can do instead. */
  instead: string;
  alternatives: string[];
}

/**
 * OneDesk's Public API has no DELETE for any record (POST-only updates [T];
 * Composio saw 405 on /items). These tools exist so a model asking to delete
 * gets a defined answer: they make no vendor call and refuse, saying what
 * can be done instead. They sit in the `delete` toolset and need `full`.
 */
export function deleteTool<Name extends string>(name: Name, spec: DeleteSpec) {
  return defineTool({
    name,
    title: `Delete a OneDesk ${spec.noun} (not possible)`,
    description: [
      `Answers a request to delete a OneDesk ${spec.noun}: OneDesk's public API cannot delete ${spec.plural}, so this always refuses without calling OneDesk, and says what to do instead.`,
      `Example: ${name} {"id": 123}`,
      `No side effects. Instead: ${spec.instead}`,
    ].join('\n'),
    toolset: 'delete',
    input: z.strictObject({ id: z.union([onedeskId, onedeskExternalId]).describe(`Id or external id of the ${spec.noun}.`) }),
    output: z.object({ deleted: z.boolean() }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    handler: async () => {
      throw unsupportedByVendor(`OneDesk's public API cannot delete ${spec.plural} (it has no delete for any record), so nothing was deleted.`, {
        connector: CONNECTOR,
        retryable: false,
        hint: `Tell the user the ${spec.noun} was not deleted, and offer the alternatives.`,
        alternatives: spec.alternatives,
      });
    },
  });
}

export const itemAlternatives = (noun: string) => [CLOSE_ITEM(noun), WEB_APP];
export const webAppOnly = (extra: string[] = []) => [...extra, WEB_APP];
