import { defineTool } from '../runtime';
import { changeFeedTool } from '../reports/change-feed';

export const clockifyListCreatedEntities = defineTool(changeFeedTool('created'));
