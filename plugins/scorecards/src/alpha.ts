export {
  default,
  scorecardsApi,
  scorecardsPage,
  scorecardsEntityCard,
  scorecardsEntityRollupCard,
  scorecardsEntityContent,
} from './alpha/plugin';
