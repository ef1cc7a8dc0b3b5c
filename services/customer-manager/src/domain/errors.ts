import { VoipError } from '@voxmesh/wire';

/** A value another document already holds (a realm, a username): 409 naming the field. */
export function notUnique(field: string, message: string): VoipError {
  return new VoipError({ status: 'ALREADY_EXISTS', reason: 'UNIQUE', field, message });
}

export function accountNotFound(id: string): VoipError {
  return VoipError.notFound(`account ${id} does not exist`, 'ACCOUNT_NOT_FOUND');
}
