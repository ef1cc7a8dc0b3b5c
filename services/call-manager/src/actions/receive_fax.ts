import { randomUUID } from 'node:crypto';
import type { ChannelEvent } from '../esl/event.js';
import type { ActionHandler, ActionRun } from './types.js';

/** Where the flow reads the outcome: `SUCCESS`, or rxfax's result text. */
export const FAX_RESULT = 'voipbin.fax.result';

/**
 * `receive_fax`: mod_spandsp's rxfax (`mod_spandsp_fax_process_fax`) writes the document
 * under the recording directory; its `fax_*` variables, read from the application's
 * completion, are stored with the fax in the account's inbox (a fax box's when named),
 * which announces it. A fax that failed is stored too, with its result, as Kazoo keeps
 * it. Without mod_spandsp the action is refused (MODULE_MISSING).
 */
export const receiveFax: ActionHandler<'receive_fax'> = {
  async start(run) {
    if (run.hasModule('mod_spandsp') === false) {
      await run.refuse('MODULE_MISSING', 'receive_fax needs mod_spandsp (rxfax) on the media server');
      return;
    }
    const path = `${run.deps.settings.recordingDir}/fax-${randomUUID()}.tiff`;
    await run.execute('rxfax', path, { onComplete: (event) => store(run, event, path) });
  },
};

async function store(run: ActionRun<'receive_fax'>, event: ChannelEvent, path: string): Promise<void> {
  const call = run.live.call;
  const number = (name: string) => Number.parseInt(event.variable(name) ?? '', 10);
  const pages = number('fax_document_transferred_pages');
  const success = event.variable('fax_success') === '1';
  const code = number('fax_result_code');
  const text = event.variable('fax_result_text') ?? 'no result';
  await run.deps.faxes.store(call.account_id, {
    ...(run.action.option.faxbox_id !== undefined ? { faxbox_id: run.action.option.faxbox_id } : {}),
    from_number: call.source.target,
    from_name: call.source.target_name ?? call.source.target,
    to_number: call.destination.target,
    call_id: call.id,
    success,
    result_code: Number.isFinite(code) ? code : -1,
    result_text: text,
    pages: Number.isFinite(pages) ? pages : 0,
    remote_station_id: event.variable('fax_remote_station_id') ?? '',
    ...(Number.isFinite(pages) && pages > 0 ? { media_path: path } : {}),
  });
  await run.setVariables({ [FAX_RESULT]: success ? 'SUCCESS' : text });
}
