import { deleteTool, webAppOnly } from './delete-refusal';

export const onedeskDeleteAttachment = deleteTool('onedesk_delete_attachment', { noun: 'attachment', plural: 'attachments', instead: 'the OneDesk web app.', alternatives: webAppOnly() });
