import { deleteTool, webAppOnly } from './delete-refusal';

export const onedeskDeleteMessage = deleteTool('onedesk_delete_message', { noun: 'message', plural: 'conversation messages', instead: 'the OneDesk web app.', alternatives: webAppOnly(['onedesk_add_comment can post a correction in the same conversation.']) });
