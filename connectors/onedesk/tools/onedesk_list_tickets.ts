import { listItemsTool } from './item-tools';

export const onedeskListTickets = listItemsTool('onedesk_list_tickets', 'ticket', 'tickets');
