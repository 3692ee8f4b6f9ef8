import { getItemCases } from '../test-get-item-cases';

getItemCases({ tool: 'onedesk_get_task', noun: 'task', type: 'Task', otherType: 'Ticket', otherHint: 'onedesk_list_tickets' });
