export { TokenBucketLimiter } from '@gatekeeper/gatekeeper-node';
