import { flowManager } from '@voxmesh/contracts';

/**
 * flow-manager's own contract, re-exported under short names. Everything here comes
 * from `@voxmesh/contracts`, the one place the wire shapes are written.
 */
export const {
  flowManagerContract,
  actionOptionSchemas,
  actionInputSchema,
  readAction,
  callflowNodeSchema,
  callflowModules,
  isCallflowModule,
  isActionType,
  actionTypes,
  flowActionTypes,
  isFlowActionType,
  FINISH_ACTION,
  FINISH_ACTION_ID,
  START_ACTION_ID,
  MAIN_STACK_ID,
} = flowManager;

export type FlowManagerRoutes = flowManager.FlowManagerRoutes;
export type Action = flowManager.Action;
export type ActionType = flowManager.ActionType;
export type FlowActionType = flowManager.FlowActionType;
export type MediaActionType = flowManager.MediaActionType;
export type ActionOf<T extends ActionType> = flowManager.ActionOf<T>;
export type ActionDraft = flowManager.ActionDraft;
export type WireAction = flowManager.WireAction;
export type Flow = flowManager.Flow;
export type CallflowNode = flowManager.CallflowNode;
export type Featurecode = flowManager.Featurecode;
export type CallflowModule = flowManager.CallflowModule;
export type CreateFlowBody = flowManager.CreateFlowBody;
export type UpdateFlowBody = flowManager.UpdateFlowBody;
export type SeedAction = flowManager.SeedAction;
export type RouteReply = flowManager.RouteReply;
export type Activeflow = flowManager.Activeflow;
export type ActiveflowSummary = flowManager.ActiveflowSummary;
export type ActiveflowError = flowManager.ActiveflowError;
export type CreateActiveflowBody = flowManager.CreateActiveflowBody;
export type FlowManagerEventType = flowManager.FlowManagerEventType;
