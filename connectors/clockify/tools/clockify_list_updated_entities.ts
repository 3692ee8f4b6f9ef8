import { defineTool } from '../runtime';
import { changeFeedTool } from '../reports/change-feed';

export const clockifyListUpdatedEntities = defineTool(changeFeedTool('updated'));
