import { deleteTool, webAppOnly } from './delete-refusal';

export const onedeskDeleteProject = deleteTool('onedesk_delete_project', { noun: 'project', plural: 'projects', instead: 'the OneDesk web app.', alternatives: webAppOnly(['Archive or close the project in the OneDesk web app; onedesk_list_projects shows its state.']) });
