import type { AppHandler } from './types.js';

/**
 * `send_dtmf <digits>[@<tone_ms>]`: sends digits to the far end, taking the time
 * they take to play. The control API reports them as `dtmf_sent`.
 */
export const sendDtmf: AppHandler = async ({ session }, arg) => {
  const [digits = '', duration] = arg.trim().split('@');
  const toneMs = Number.parseInt(duration ?? '', 10) || 100;
  for (const digit of digits.replace(/[^0-9A-Da-d*#wW]/g, '')) {
    if (!session.up) return;
    if (digit === 'w' || digit === 'W') {
      await session.wait(digit === 'w' ? 500 : 1000);
      continue;
    }
    session.channel.history.dtmfSent += digit;
    await session.wait(toneMs + 50);
  }
};
