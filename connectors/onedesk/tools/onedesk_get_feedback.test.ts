import { getItemCases } from '../test-get-item-cases';

getItemCases({ tool: 'onedesk_get_feedback', noun: 'feedback', type: 'Feedback', otherType: 'Bug', otherHint: 'onedesk_get_issue' });
