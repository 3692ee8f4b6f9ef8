import { getItemCases } from '../test-get-item-cases';

getItemCases({ tool: 'onedesk_get_issue', noun: 'issue', type: 'Bug', otherType: 'Task', otherHint: 'onedesk_get_task' });
