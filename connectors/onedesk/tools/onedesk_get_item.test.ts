import { getItemCases } from '../test-get-item-cases';

getItemCases({ tool: 'onedesk_get_item', types: ['Ticket', 'Task', 'Bug', 'Requirement', 'Feedback'] });
