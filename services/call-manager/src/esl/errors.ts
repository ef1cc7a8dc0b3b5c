import { FreeSwitchError, FreeSwitchTimeout } from 'esl';

/** A media-server command that answered `-ERR …` (or never answered). */
export class EslCommandError extends Error {
  constructor(
    readonly command: string,
    readonly reply: string,
  ) {
    super(`${command}: ${reply}`);
    this.name = 'EslCommandError';
  }

  /** The switch does not know the command or application (an older or partial media server). */
  get unsupported(): boolean {
    return /command not found/i.test(this.reply);
  }

  /** The channel the command named is gone. */
  get noSuchChannel(): boolean {
    return /no such channel|invalid uuid|cannot locate session|invalid session id/i.test(this.reply);
  }
}

/** What a failed esl call says, in one line. */
export function eslFailure(command: string, error: unknown): EslCommandError {
  if (error instanceof EslCommandError) return error;
  if (error instanceof FreeSwitchTimeout) return new EslCommandError(command, `-ERR timeout after ${error.timeout} ms`);
  if (error instanceof FreeSwitchError) {
    const reply = error.args.reply;
    return new EslCommandError(command, typeof reply === 'string' ? reply.trim() : `-ERR ${String(error.args.when ?? 'failed')}`);
  }
  return new EslCommandError(command, `-ERR ${error instanceof Error ? error.message : String(error)}`);
}
