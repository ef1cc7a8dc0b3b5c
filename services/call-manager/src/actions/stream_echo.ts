import { echoFor } from './echo.js';

/** `stream_echo`: echoes the media stream, as echo. */
export const streamEcho = echoFor<'stream_echo'>();
