import type { customerManager } from '@voxmesh/contracts';
import type { ChannelEvent } from '../esl/event.js';
import { FAX_RESULT } from './receive_fax.js';
import type { ActionHandler, ActionRun } from './types.js';

/**
 * `send_fax`: the document is fetched (calls/fax-documents.ts) and sent with mod_spandsp's
 * txfax (`mod_spandsp_fax_process_fax`); the outcome, read from its completion's `fax_*`
 * variables, goes to the account's outbox. A document that cannot be had is an outbox
 * entry too, with the reason, and nothing is sent. Without mod_spandsp the action is
 * refused (MODULE_MISSING).
 */
export const sendFax: ActionHandler<'send_fax'> = {
  async start(run) {
    if (run.hasModule('mod_spandsp') === false) {
      await run.refuse('MODULE_MISSING', 'send_fax needs mod_spandsp (txfax) on the media server');
      return;
    }
    const document = await run.deps.faxDocuments.fetch(run.action.option.document_url);
    if ('error' in document) {
      await record(run, { success: false, result_code: -1, result_text: document.error, pages: 0, remote_station_id: '' });
      return;
    }
    await run.execute('txfax', document.path, {
      onComplete: (event) => record(run, outcomeOf(event), document.path),
    });
  },
};

type Outcome = Pick<customerManager.FaxInput, 'success' | 'result_code' | 'result_text' | 'pages' | 'remote_station_id'>;

function outcomeOf(event: ChannelEvent): Outcome {
  const number = (name: string) => Number.parseInt(event.variable(name) ?? '', 10);
  const pages = number('fax_document_transferred_pages');
  const code = number('fax_result_code');
  return {
    success: event.variable('fax_success') === '1',
    result_code: Number.isFinite(code) ? code : -1,
    result_text: event.variable('fax_result_text') ?? 'no result',
    pages: Number.isFinite(pages) ? pages : 0,
    remote_station_id: event.variable('fax_remote_station_id') ?? '',
  };
}

async function record(run: ActionRun<'send_fax'>, outcome: Outcome, path?: string): Promise<void> {
  const call = run.live.call;
  await run.deps.faxes.store(call.account_id, {
    folder: 'outbox',
    from_number: call.source.target,
    from_name: call.source.target_name ?? call.source.target,
    to_number: call.destination.target,
    call_id: call.id,
    ...outcome,
    ...(path !== undefined ? { media_path: path } : {}),
  });
  await run.setVariables({ [FAX_RESULT]: outcome.success ? 'SUCCESS' : outcome.result_text });
}
