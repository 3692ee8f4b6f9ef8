import { deleteTool, itemAlternatives } from './delete-refusal';

export const onedeskDeleteTask = deleteTool('onedesk_delete_task', { noun: 'task', plural: 'tasks', instead: 'close or cancel it with onedesk_update_item (status).', alternatives: itemAlternatives('task') });
