export { onedeskGetItem } from './item-tools';
