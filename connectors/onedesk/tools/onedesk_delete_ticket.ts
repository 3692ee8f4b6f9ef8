import { deleteTool, itemAlternatives } from './delete-refusal';

export const onedeskDeleteTicket = deleteTool('onedesk_delete_ticket', { noun: 'ticket', plural: 'tickets', instead: 'close or cancel it with onedesk_update_item (status).', alternatives: itemAlternatives('ticket') });
