import { listItemsTool } from './item-tools';

export const onedeskListRequirements = listItemsTool('onedesk_list_requirements', 'requirement', 'requirements');
