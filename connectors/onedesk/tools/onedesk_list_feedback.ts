import { listItemsTool } from './item-tools';

export const onedeskListFeedback = listItemsTool('onedesk_list_feedback', 'feedback', 'feedback items');
