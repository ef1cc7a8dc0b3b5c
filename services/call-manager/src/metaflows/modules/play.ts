import { legsOf, type MetaflowHandler } from './types.js';

/** konami `play`: the media (an id or URL, as the callflow play takes it) to the pressing leg, its peer, or both (default). */
export const play: MetaflowHandler<'play'> = async (run) => {
  for (const call of legsOf(run, run.data.leg ?? 'both')) {
    if (run.data.answer !== false && !call.answered) await call.control.answer();
    await call.control.play([run.data.id]);
  }
  return 'continue';
};
