import { getItemTool } from './item-tools';

export const onedeskGetTask = getItemTool('onedesk_get_task', 'task', 'Get a OneDesk task');
