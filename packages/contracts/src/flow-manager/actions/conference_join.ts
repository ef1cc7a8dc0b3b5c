import { z } from 'zod';

/** `conference_join` (media layer): joins the call to a conference. */
export const conferenceJoinOption = z.looseObject({
  conference_id: z.string().min(1).max(128),
});
