import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import type { ActionContext, ActionDeps, ActionHandlers, ActionOutcome } from '../actions/types.js';
import { ActionFailure } from '../actions/types.js';
import { isActionType, type Action, type ActionDraft, type ActionType, type WireAction } from '../contract.js';
import type { FlowMetrics } from '../metrics.js';
import { prepareActions } from './action-list.js';
import { MAX_RECORDED_ERRORS, now, type ActiveflowState } from './model.js';
import { knownActionIds, locate, moveTo, nextPosition, pushStack } from './stacks.js';
import { mergeVariables, substituteDeep, type VariableLimits } from './variables.js';

export interface EngineLimits {
  /** Actions an activeflow may execute in its life. */
  maxExecutions: number;
  /** Actions one `next` may run before it must reach a media action. */
  maxIterations: number;
  maxStackDepth: number;
  variables: VariableLimits;
}

export type RunOutcome =
  | { kind: 'media'; action: WireAction }
  | { kind: 'finish'; reason: string }
  | { kind: 'wait'; delayMs: number }
  | { kind: 'limit'; limit: 'executions' | 'iterations'; message: string };

export interface EngineOptions {
  handlers: ActionHandlers;
  deps: ActionDeps;
  limits: EngineLimits;
  metrics: FlowMetrics;
}

/**
 * Runs an activeflow's flow-level actions in memory until one the media layer must run,
 * the end, a wait or a limit. It changes the state it is given and persists nothing:
 * the caller holds the activeflow's lock and writes the state once the run is over, so
 * a run that throws (a bug, a passed deadline) leaves the stored activeflow as it was.
 */
export class Engine {
  constructor(private readonly options: EngineOptions) {}

  async run(state: ActiveflowState, mode: 'next' | 'execute', deadline: number): Promise<RunOutcome> {
    const { limits, metrics, handlers } = this.options;
    for (let iteration = 0; ; iteration++) {
      if (iteration >= limits.maxIterations) {
        return this.limitHit(state, 'iterations', `one step ran ${limits.maxIterations} actions without reaching one for the call (-max_iterations)`);
      }
      if (state.execute_count >= limits.maxExecutions) {
        return this.limitHit(state, 'executions', `the activeflow executed ${limits.maxExecutions} actions (-max_executions)`);
      }
      if (Date.now() > deadline) throw VoipError.deadline('the step ran past its deadline; nothing was saved');
      const position = nextPosition(state);
      if (position === 'finish') return { kind: 'finish', reason: 'finished' };
      const stored = moveTo(state, position);
      const action = substituteDeep(stored, state.variables);
      state.current_action = action;
      state.execute_count++;
      if (!isActionType(action.type)) {
        // Stored actions were validated on the way in; this is a flow written by an older version.
        this.record(state, action, 'UNKNOWN_TYPE', `unknown action type ${action.type}; skipped`);
        continue;
      }
      metrics.actionsExecuted.inc([action.type]);
      const outcome = await this.runOne(state, action, stored, mode, deadline);
      switch (outcome.kind) {
        case 'continue':
          continue;
        case 'media':
          return { kind: 'media', action };
        case 'finish':
          return { kind: 'finish', reason: outcome.reason };
        case 'wait':
          return { kind: 'wait', delayMs: outcome.delayMs };
      }
    }
  }

  private async runOne(state: ActiveflowState, action: Action, stored: Action, mode: 'next' | 'execute', deadline: number): Promise<ActionOutcome> {
    const { handlers, deps, limits } = this.options;
    const context: ActionContext<ActionType> = {
      action,
      stored,
      state,
      headless: mode === 'execute',
      deadline,
      deps,
      jumpTo: (targetId, field) => {
        const target = locate(state, state.current_stack_id, targetId);
        if (!target) throw new ActionFailure('TARGET_NOT_FOUND', `${action.type} ${action.id}: ${field} ${JSON.stringify(targetId)} is not an action here`);
        state.forward_stack_id = target.stackId;
        state.forward_action_id = targetId;
      },
      push: (drafts, field) => {
        const actions = prepareActions(drafts as ActionDraft[], field, knownActionIds(state));
        pushStack(state, randomUUID(), actions, limits.maxStackDepth);
      },
      variable: (name) => state.variables[name] ?? '',
      setVariable: (name, value) => mergeVariables(state.variables, { [name]: value }, limits.variables),
      fail: (reason, message) => {
        // The customer's setup failed (a refused URL, a bad answer): logged as well as recorded, so a developer sees why.
        deps.logger.info({ activeflow_id: state.id, account_id: state.account_id, action_type: action.type, reason }, message);
        this.record(state, action, reason, message);
      },
    };
    const handler = handlers[action.type] as unknown as { run(context: ActionContext<ActionType>): Promise<ActionOutcome> };
    try {
      return await handler.run(context);
    } catch (error) {
      if (error instanceof VoipError && error.status === 'DEADLINE_EXCEEDED') throw error;
      // An action that fails does not end the call: it is recorded and the flow goes on.
      const reason = error instanceof ActionFailure ? error.reason : error instanceof VoipError ? error.reason : 'ACTION_FAILED';
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ActionFailure) && !(error instanceof VoipError)) deps.logger.error({ err: error, activeflow_id: state.id, account_id: state.account_id, action_id: action.id, action_type: action.type }, 'action handler failed');
      if (error instanceof VoipError && error.reason === 'STACK_DEPTH_LIMIT') this.options.metrics.limitsHit.inc({ limit: 'stack_depth' });
      this.record(state, action, reason, message);
      return { kind: 'continue' };
    }
  }

  private limitHit(state: ActiveflowState, limit: 'executions' | 'iterations', message: string): RunOutcome {
    this.options.metrics.limitsHit.inc({ limit });
    this.record(state, state.current_action, `${limit.toUpperCase()}_LIMIT`, message);
    return { kind: 'limit', limit, message };
  }

  private record(state: ActiveflowState, action: WireAction, reason: string, message: string): void {
    if (isActionType(action.type)) this.options.metrics.actionsFailed.inc({ type: action.type });
    state.errors.push({ tm: now(), action_id: action.id, action_type: action.type, reason, message });
    if (state.errors.length > MAX_RECORDED_ERRORS) state.errors.splice(0, state.errors.length - MAX_RECORDED_ERRORS);
  }
}
