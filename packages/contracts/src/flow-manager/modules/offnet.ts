import { defineModule } from './define.js';
import { resourcesData } from './resources.js';

/** Kazoo's `offnet` (deprecated): `resources` through the platform's carriers unless `use_local_resources` says otherwise. */
export const offnetModule = defineModule({
  module: 'offnet',
  description: "Dials the number through the platform's carriers.",
  data: resourcesData,
  examples: [{ data: {} }, { data: { to_did: '+15555550100' } }],
});
