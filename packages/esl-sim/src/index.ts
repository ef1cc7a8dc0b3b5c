export { EslSimulator } from './simulator.js';
export type { EslSimulatorOptions, SimulatorAddresses, PlaceCallRequest, DtmfRequest, HangupRequest, DestinationRequest } from './simulator.js';
export { ControlError } from './control-error.js';
export type { CallView } from './call-view.js';
export type { Destination, AnswerBehaviour } from './dial/destinations.js';
export { EslEvent, serializePlain, serializeJson, type Header, type EventFormat } from './protocol/event.js';
export { urlEncode, urlDecode } from './protocol/url-encoding.js';
export { CommandReader, type EslCommand } from './protocol/command-reader.js';
export { HANGUP_CAUSES, parseHangupCause, causeCode, type HangupCause } from './channel/hangup-causes.js';
