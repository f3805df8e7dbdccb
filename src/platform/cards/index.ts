export {
  ensureCardInChat,
  postCard,
  refreshCards,
  repost,
  type PostCard,
  type Posted,
  type Presenter,
  type RefreshOptions,
  type TrackedObject,
} from './tracked-cards.js';
export { objectsWithCards, objectsWithCardsBefore, recordRef, refOfMessage, refsOf, type CardRefRow } from './store.js';
export { recordSentCard, repostRefusedPatch } from './sent.js';
export { PATCH_LIMIT_MS, REPOST_AFTER_MS, TOO_OLD_TO_UPDATE, decodeTracks, encodeTracks, repostKey, type Tracks } from './tracks.js';
