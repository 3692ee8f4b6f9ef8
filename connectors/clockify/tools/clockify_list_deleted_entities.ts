import { defineTool } from '../runtime';
import { changeFeedTool } from '../reports/change-feed';

export const clockifyListDeletedEntities = defineTool(changeFeedTool('deleted'));
