import { deleteTool, itemAlternatives } from './delete-refusal';

export const onedeskDeleteRequirement = deleteTool('onedesk_delete_requirement', { noun: 'requirement', plural: 'requirements', instead: 'close or cancel it with onedesk_update_item (status).', alternatives: itemAlternatives('requirement') });
