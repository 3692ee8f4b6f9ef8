import { deleteTool, itemAlternatives } from './delete-refusal';

export const onedeskDeleteTicket = deleteTool('onedesk_delete_ticket', { noun: 'ticket', plural: 'tickets', alternatives: itemAlternatives('ticket') });
