import { z } from 'zod';

/** Which leg, relative to the leg that pressed the digits. */
export const relativeLeg = z.enum(['self', 'peer', 'both']);

/** Free text Kazoo leaves optional (null or empty reads as left out). */
export const optionalText = z.string().max(1024).nullable().optional();

/** A media id of the account, or a URL / FreeSWITCH media path. */
export const mediaReference = z.string().min(1).max(2048);
