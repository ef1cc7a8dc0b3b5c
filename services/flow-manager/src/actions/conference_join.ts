import { mediaAction } from './media.js';

/** `conference_join`: Joins the call to a conference; the media layer runs it. */
export const conferenceJoin = mediaAction<'conference_join'>();
