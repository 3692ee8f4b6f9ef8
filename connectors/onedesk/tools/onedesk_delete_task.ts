import { deleteTool, itemAlternatives } from './delete-refusal';

export const onedeskDeleteTask = deleteTool('onedesk_delete_task', { noun: 'task', plural: 'tasks', alternatives: itemAlternatives('task') });
