import { listItemsTool } from './item-tools';

export const onedeskListIssues = listItemsTool('onedesk_list_issues', 'issue', 'issues');
