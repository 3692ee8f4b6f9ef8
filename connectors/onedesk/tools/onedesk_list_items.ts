export { onedeskListItems } from './item-tools';
