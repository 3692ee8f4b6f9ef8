import { getItemTool } from './item-tools';

export const onedeskGetIssue = getItemTool('onedesk_get_issue', 'issue', 'Get a OneDesk issue');
