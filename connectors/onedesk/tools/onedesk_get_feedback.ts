import { getItemTool } from './item-tools';

export const onedeskGetFeedback = getItemTool('onedesk_get_feedback', 'feedback', 'Get a OneDesk feedback item');
