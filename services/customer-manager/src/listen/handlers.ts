import { customerManager } from '@voxmesh/contracts';
import type { RouteHandlers } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';
import type { AccountService } from '../domain/accounts.js';
import type { AuthService } from '../domain/auth.js';
import type { Bootstrapper } from '../domain/bootstrap.js';
import type { ConfigService } from '../domain/configs.js';
import type { ConferenceService } from '../domain/conferences.js';
import type { MediaService } from '../domain/media.js';
import type { FaxboxService } from '../domain/faxboxes.js';
import type { DeviceService } from '../domain/devices.js';
import type { GroupService } from '../domain/groups.js';
import type { UserService } from '../domain/users.js';
import type { ResourceService } from '../domain/resources.js';
import type { VmboxService } from '../domain/vmboxes.js';
import type { CustomerMetrics } from '../metrics.js';

export interface HandlerDeps {
  accounts: AccountService;
  users: UserService;
  devices: DeviceService;
  groups: GroupService;
  vmboxes: VmboxService;
  resources: ResourceService;
  conferences: ConferenceService;
  media: MediaService;
  faxboxes: FaxboxService;
  auth: AuthService;
  configs: ConfigService;
  bootstrap: Bootstrapper;
  metrics: CustomerMetrics;
}

const { DEFAULT_PAGE_SIZE, isId } = customerManager;

/** A path id this service could never have made is unknown without a lookup. */
function id(value: string, what: string): string {
  if (!isId(value)) throw VoipError.notFound(`${what} ${value} does not exist`, 'BAD_IDENTIFIER');
  return value;
}

/** `system`, or an account's id. */
function scope(value: string): string {
  return value === 'system' ? value : id(value, 'account');
}

function category(value: string): string {
  const parsed = customerManager.configCategorySchema.safeParse(value);
  if (!parsed.success) throw VoipError.invalidArgument('category', 'category must be 1-64 of a-z 0-9 _ . -');
  return parsed.data;
}

function size(query: { page_size?: number | undefined }): number {
  return query.page_size ?? DEFAULT_PAGE_SIZE;
}

async function counted<T>(counter: { inc(labels: Record<string, string>): void }, labels: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    counter.inc({ ...labels, result: 'ok' });
    return result;
  } catch (error) {
    counter.inc({ ...labels, result: error instanceof VoipError && error.status === 'UNAUTHENTICATED' ? 'denied' : 'error' });
    throw error;
  }
}

/** One handler per route; each only translates between the wire and the domain. */
export function routeHandlers(deps: HandlerDeps): RouteHandlers<customerManager.CustomerManagerRoutes> {
  const { accounts, users, devices, groups, vmboxes, resources, conferences, media, faxboxes, auth, configs, bootstrap, metrics } = deps;
  return {
    createAccount: async ({ body }) => {
      const { parent_id, ...input } = body;
      return accounts.create(id(parent_id, 'account'), input);
    },
    findAccounts: async ({ query }) => ({ result: await accounts.find(query) }),
    getAccount: async ({ params }) => accounts.get(id(params.id, 'account')),
    replaceAccount: async ({ params, body }) => accounts.replace(id(params.id, 'account'), body),
    patchAccount: async ({ params, body }) => accounts.patch(id(params.id, 'account'), body),
    deleteAccount: async ({ params }) => {
      const { doc } = await accounts.delete(id(params.id, 'account'), (stores, accountId) => auth.revokeAllOf(stores, accountId));
      return doc;
    },
    listChildren: async ({ params, query }) => accounts.children(id(params.id, 'account'), size(query), query.start_key),
    listDescendants: async ({ params, query }) => accounts.descendants(id(params.id, 'account'), size(query), query.start_key),
    rotateWebhookSecret: async ({ params }) => accounts.rotateWebhookSecret(id(params.id, 'account')),

    listUsers: async ({ params, query }) => users.list(id(params.account_id, 'account'), size(query), query.start_key),
    createUser: async ({ params, body }) => users.create(id(params.account_id, 'account'), body),
    getUser: async ({ params }) => users.get(id(params.account_id, 'account'), id(params.id, 'user')),
    replaceUser: async ({ params, body }) => users.replace(id(params.account_id, 'account'), id(params.id, 'user'), body),
    patchUser: async ({ params, body }) => users.patch(id(params.account_id, 'account'), id(params.id, 'user'), body),
    deleteUser: async ({ params }) => users.delete(id(params.account_id, 'account'), id(params.id, 'user')),

    listDevices: async ({ params, query }) => devices.list(id(params.account_id, 'account'), size(query), query.start_key),
    createDevice: async ({ params, body }) => devices.create(id(params.account_id, 'account'), body),
    getDevice: async ({ params }) => devices.get(id(params.account_id, 'account'), id(params.id, 'device')),
    replaceDevice: async ({ params, body }) => devices.replace(id(params.account_id, 'account'), id(params.id, 'device'), body),
    patchDevice: async ({ params, body }) => devices.patch(id(params.account_id, 'account'), id(params.id, 'device'), body),
    deleteDevice: async ({ params }) => devices.delete(id(params.account_id, 'account'), id(params.id, 'device')),

    listGroups: async ({ params, query }) => groups.list(id(params.account_id, 'account'), size(query), query.start_key),
    createGroup: async ({ params, body }) => groups.create(id(params.account_id, 'account'), body),
    getGroup: async ({ params }) => groups.get(id(params.account_id, 'account'), id(params.id, 'group')),
    replaceGroup: async ({ params, body }) => groups.replace(id(params.account_id, 'account'), id(params.id, 'group'), body),
    patchGroup: async ({ params, body }) => groups.patch(id(params.account_id, 'account'), id(params.id, 'group'), body),
    deleteGroup: async ({ params }) => groups.delete(id(params.account_id, 'account'), id(params.id, 'group')),

    listConferences: async ({ params, query }) => conferences.list(id(params.account_id, 'account'), size(query), query.start_key),
    createConference: async ({ params, body }) => conferences.create(id(params.account_id, 'account'), body),
    getConference: async ({ params }) => conferences.get(id(params.account_id, 'account'), id(params.id, 'conference')),
    replaceConference: async ({ params, body }) => conferences.replace(id(params.account_id, 'account'), id(params.id, 'conference'), body),
    patchConference: async ({ params, body }) => conferences.patch(id(params.account_id, 'account'), id(params.id, 'conference'), body),
    deleteConference: async ({ params }) => conferences.delete(id(params.account_id, 'account'), id(params.id, 'conference')),

    listMedia: async ({ params, query }) => media.list(id(params.account_id, 'account'), size(query), query.start_key),
    createMedia: async ({ params, body }) => media.create(id(params.account_id, 'account'), body),
    getMedia: async ({ params }) => media.get(id(params.account_id, 'account'), id(params.id, 'media')),
    replaceMedia: async ({ params, body }) => media.replace(id(params.account_id, 'account'), id(params.id, 'media'), body),
    patchMedia: async ({ params, body }) => media.patch(id(params.account_id, 'account'), id(params.id, 'media'), body),
    deleteMedia: async ({ params }) => media.delete(id(params.account_id, 'account'), id(params.id, 'media')),
    setMediaFile: async ({ params, body }) => media.setFile(id(params.account_id, 'account'), id(params.id, 'media'), body),
    listFaxboxes: async ({ params, query }) => faxboxes.list(id(params.account_id, 'account'), size(query), query.start_key),
    createFaxbox: async ({ params, body }) => faxboxes.create(id(params.account_id, 'account'), body),
    getFaxbox: async ({ params }) => faxboxes.get(id(params.account_id, 'account'), id(params.id, 'fax box')),
    replaceFaxbox: async ({ params, body }) => faxboxes.replace(id(params.account_id, 'account'), id(params.id, 'fax box'), body),
    patchFaxbox: async ({ params, body }) => faxboxes.patch(id(params.account_id, 'account'), id(params.id, 'fax box'), body),
    deleteFaxbox: async ({ params }) => faxboxes.delete(id(params.account_id, 'account'), id(params.id, 'fax box')),
    listFaxes: async ({ params, query }) => faxboxes.listFaxes(id(params.account_id, 'account'), query.folder ?? 'inbox', size(query), query.start_key),
    createFax: async ({ params, body }) => faxboxes.createFax(id(params.account_id, 'account'), body),
    getFax: async ({ params }) => faxboxes.getFax(id(params.account_id, 'account'), id(params.id, 'fax')),
    deleteFax: async ({ params }) => faxboxes.deleteFax(id(params.account_id, 'account'), id(params.id, 'fax')),
    listResources: async ({ params, query }) => resources.list(scope(params.scope), size(query), query.start_key),
    createResource: async ({ params, body }) => resources.create(scope(params.scope), body),
    getResource: async ({ params }) => resources.get(scope(params.scope), id(params.id, 'resource')),
    replaceResource: async ({ params, body }) => resources.replace(scope(params.scope), id(params.id, 'resource'), body),
    patchResource: async ({ params, body }) => resources.patch(scope(params.scope), id(params.id, 'resource'), body),
    deleteResource: async ({ params }) => resources.delete(scope(params.scope), id(params.id, 'resource')),

    listVmboxes: async ({ params, query }) => vmboxes.list(id(params.account_id, 'account'), size(query), query.start_key),
    createVmbox: async ({ params, body }) => vmboxes.create(id(params.account_id, 'account'), body),
    getVmbox: async ({ params }) => vmboxes.get(id(params.account_id, 'account'), id(params.id, 'voicemail box')),
    replaceVmbox: async ({ params, body }) => vmboxes.replace(id(params.account_id, 'account'), id(params.id, 'voicemail box'), body),
    patchVmbox: async ({ params, body }) => vmboxes.patch(id(params.account_id, 'account'), id(params.id, 'voicemail box'), body),
    deleteVmbox: async ({ params }) => vmboxes.delete(id(params.account_id, 'account'), id(params.id, 'voicemail box')),
    listVmMessages: async ({ params, query }) =>
      vmboxes.listMessages(id(params.account_id, 'account'), id(params.id, 'voicemail box'), query.folder, size(query), query.start_key),
    createVmMessage: async ({ params, body }) => vmboxes.createMessage(id(params.account_id, 'account'), id(params.id, 'voicemail box'), body),
    getVmMessage: async ({ params }) => vmboxes.getMessage(id(params.account_id, 'account'), id(params.id, 'voicemail box'), id(params.message_id, 'message')),
    patchVmMessage: async ({ params, body }) =>
      vmboxes.changeMessage(id(params.account_id, 'account'), id(params.id, 'voicemail box'), id(params.message_id, 'message'), body),
    deleteVmMessage: async ({ params }) => vmboxes.deleteMessage(id(params.account_id, 'account'), id(params.id, 'voicemail box'), id(params.message_id, 'message')),

    listApiKeys: async ({ params, query }) => auth.listApiKeys(id(params.account_id, 'account'), size(query), query.start_key),
    createApiKey: async ({ params, body }) => auth.createApiKey(id(params.account_id, 'account'), body.name),
    deleteApiKey: async ({ params }) => auth.deleteApiKey(id(params.account_id, 'account'), id(params.id, 'api key')),

    authApiKey: async ({ body }) => counted(metrics.logins, { method: 'api_key' }, () => auth.authApiKey(body.api_key)),
    authUser: async ({ body }) => counted(metrics.logins, { method: 'user_auth' }, () => auth.authUser(body)),
    validateToken: async ({ body }) => counted(metrics.tokenChecks, {}, () => auth.validate(body.auth_token)),
    revokeToken: async ({ body }) => ({ revoked: await auth.revoke(body.auth_token) }),

    getAccountConfig: async ({ params }) => configs.getAccount(id(params.account_id, 'account'), category(params.category)),
    replaceAccountConfig: async ({ params, body }) => configs.write(id(params.account_id, 'account'), category(params.category), body, 'replace'),
    patchAccountConfig: async ({ params, body }) => configs.write(id(params.account_id, 'account'), category(params.category), body, 'merge'),
    deleteAccountConfig: async ({ params }) => configs.remove(id(params.account_id, 'account'), category(params.category)),
    getEffectiveConfig: async ({ params }) => configs.getEffective(id(params.account_id, 'account'), category(params.category)),
    getSystemConfig: async ({ params }) => configs.getSystem(category(params.category)),
    replaceSystemConfig: async ({ params, body }) => configs.write(null, category(params.category), body, 'replace'),
    patchSystemConfig: async ({ params, body }) => configs.write(null, category(params.category), body, 'merge'),
    deleteSystemConfig: async ({ params }) => configs.remove(null, category(params.category)),

    bootstrap: async ({ body }) => bootstrap.run(body),
  };
}
