import { mediaAction } from './media.js';

/** `confbridge_join`: Joins the call to a confbridge, run by call-manager. */
export const confbridgeJoin = mediaAction<'confbridge_join'>();
