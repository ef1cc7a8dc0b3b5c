import { callManager, flowManager } from '@voxmesh/contracts';

/**
 * call-manager's contract and the shapes it shares with others, re-exported under
 * short names. Everything here comes from `@voxmesh/contracts`, the one place the wire
 * shapes are written.
 */
export const { callManagerContract } = callManager;
export const { actionOptionSchemas, actionTypes, isActionType, isFlowActionType, FINISH_ACTION_ID } = flowManager;

export type CallManagerRoutes = callManager.CallManagerRoutes;
export type Call = callManager.Call;
export type CallStatus = callManager.CallStatus;
export type CallDirection = callManager.CallDirection;
export type HangupReason = callManager.HangupReason;
export type HangupBy = callManager.HangupBy;
export type Address = callManager.Address;
export type CallAction = callManager.CallAction;
export type CallDevice = callManager.CallDevice;
export type Recording = callManager.Recording;
export type Confbridge = callManager.Confbridge;
export type Channel = callManager.Channel;
export type ChannelEventData = callManager.ChannelEventData;
export type CreateCallsBody = callManager.CreateCallsBody;
export type ActionType = flowManager.ActionType;
export type MediaActionType = flowManager.MediaActionType;
export type ActionOf<T extends ActionType> = flowManager.ActionOf<T>;
export type WireAction = flowManager.WireAction;
