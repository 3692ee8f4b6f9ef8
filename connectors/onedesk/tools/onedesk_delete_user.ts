import { deleteTool } from './delete-refusal';

export const onedeskDeleteUser = deleteTool('onedesk_delete_user', { noun: 'user', plural: 'users', instead: 'the OneDesk web app.', alternatives: ['Deactivate or remove the user in the OneDesk web app (Admin → Users), which frees their licence; the public API cannot.'] });
