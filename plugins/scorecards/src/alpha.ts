export {
  default,
  scorecardsApi,
  scorecardsPage,
  scorecardsEntityCard,
  scorecardsEntityRollupCard,
  scorecardsEntityContent,
  scorecardsHomeWidget,
} from './alpha/plugin';
