import { deleteTool, webAppOnly } from './delete-refusal';

export const onedeskDeleteTimesheet = deleteTool('onedesk_delete_timesheet', { noun: 'timesheet', plural: 'timesheets (worklogs)', instead: 'the OneDesk web app.', alternatives: webAppOnly(['onedesk_get_timesheet shows the entry so the user can correct it in the web app.']) });
