export { homePage, homePlugin } from './homePlugin';
