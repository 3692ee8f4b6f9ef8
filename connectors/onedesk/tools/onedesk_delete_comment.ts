import { deleteTool, webAppOnly } from './delete-refusal';

export const onedeskDeleteComment = deleteTool('onedesk_delete_comment', { noun: 'comment', plural: 'comments', alternatives: webAppOnly(['onedesk_add_comment can post a correction on the same item.']) });
