import { deleteTool, itemAlternatives } from './delete-refusal';

export const onedeskDeleteRequirement = deleteTool('onedesk_delete_requirement', { noun: 'requirement', plural: 'requirements', alternatives: itemAlternatives('requirement') });
