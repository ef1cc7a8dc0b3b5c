import type { Core } from '../core/core.js';
import type { Session } from '../core/session.js';

export interface AppContext {
  session: Session;
  core: Core;
  /** Sent with `event-lock: true`: messages queued meanwhile wait for it to end. */
  eventLock: boolean;
}

/**
 * A dialplan application. It returns the Application-Response, or nothing to report
 * `current_application_response` (else `_none_`). It must return promptly when the
 * channel hangs up: every wait it makes goes through `session.wait`.
 */
export type AppHandler = (context: AppContext, arg: string) => Promise<string | void>;
