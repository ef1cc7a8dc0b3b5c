import { z } from 'zod';

/** `answer` (call-manager): answers the call. */
export const answerOption = z.looseObject({});
