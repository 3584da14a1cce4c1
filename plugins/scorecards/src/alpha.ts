export {
  default,
  scorecardsApi,
  scorecardsPage,
  scorecardsEntityCard,
  scorecardsEntityContent,
} from './alpha/plugin';
