import { z } from 'zod';
import { defineAction } from './define.js';

export const conferenceJoinAction = defineAction({
  type: 'conference_join',
  runsOn: 'media',
  description: 'Joins the call to a conference.',
  option: z.looseObject({
    conference_id: z.string().min(1).max(128),
  }),
  examples: [{ conference_id: 'weekly-sync' }],
});
