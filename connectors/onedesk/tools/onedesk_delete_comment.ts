import { deleteTool, webAppOnly } from './delete-refusal';

export const onedeskDeleteComment = deleteTool('onedesk_delete_comment', { noun: 'comment', plural: 'comments', instead: 'the OneDesk web app.', alternatives: webAppOnly(['onedesk_add_comment can post a correction on the same item.']) });
