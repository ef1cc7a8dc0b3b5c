import type { CallView } from './call-view.js';
import type { AnswerBehaviour, Destination } from './dial/destinations.js';

/** The control API's request bodies, as the simulator's methods take them (and check them). */
export interface PlaceCallRequest {
  from: string;
  to: string;
  caller_id_name?: string;
  variables?: Record<string, string>;
  /** The caller is a fax machine (it sends CNG) with this many pages to send. */
  fax_pages?: number;
}

export interface DtmfRequest {
  digits: string;
  interval_ms?: number;
}

export interface HangupRequest {
  cause?: string;
}

export interface DestinationRequest {
  answer: AnswerBehaviour;
  after_ms?: number;
  amd?: 'human' | 'machine';
  early_media?: boolean;
  fax?: boolean;
}

/** Figures for the control API's metrics endpoint. */
export interface SimulatorMetrics {
  channels: number;
  callsTotal: Record<'inbound' | 'outbound', number>;
  eslConnections: Record<'inbound' | 'outbound', number>;
}

/** What the control API drives: the simulated switch's calls and the far ends' behaviour. */
export interface SwitchControl {
  placeCall(request: PlaceCallRequest): string;
  listCalls(): CallView[];
  getCall(uuid: string): CallView;
  sendDtmf(uuid: string, request: DtmfRequest): Promise<void>;
  hangup(uuid: string, request?: HangupRequest): void;
  setDestination(number: string, request: DestinationRequest): Destination & { number: string };
  listDestinations(): Record<string, Destination>;
  deleteDestination(number: string): void;
  metrics(): SimulatorMetrics;
}
