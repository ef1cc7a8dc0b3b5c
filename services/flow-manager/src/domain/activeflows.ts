import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from '@voxmesh/store';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { CallControl } from '../actions/types.js';
import { VersionConflict, type ActiveflowStore, type LoadSource } from '../cache/activeflow-store.js';
import { FINISH_ACTION, MAIN_STACK_ID, START_ACTION_ID, type ActionDraft, type CreateActiveflowBody, type WireAction } from '../contract.js';
import type { ActiveflowFilters } from '../db/activeflow-repository.js';
import type { Page } from '@voxmesh/store';
import type { FlowMetrics } from '../metrics.js';
import { prepareActions } from './action-list.js';
import type { BackgroundWork } from './background.js';
import type { Engine } from './engine.js';
import type { FlowEvents } from './events.js';
import type { FlowService } from './flows.js';
import type { ActiveflowLocks } from './locks.js';
import { now, type ActiveflowState } from './model.js';
import { knownActionIds, locateAnywhere, pushStack } from './stacks.js';
import { ACTIVEFLOW_PREFIX, mergeVariables, type VariableLimits } from './variables.js';

export interface ActiveflowSettings {
  /** How many follow-up flows (`on_complete_flow_id`) one run may chain. */
  maxCompleteChain: number;
  /** The longest one step may run (fetches included); the lock outlives it. */
  stepTimeoutMs: number;
  maxStackDepth: number;
  variables: VariableLimits;
}

/** Resumes a run without a call after a sleep, through delayed delivery (survives a restart). */
export interface ResumeScheduler {
  resumeLater(id: string, currentActionId: string, delayMs: number): Promise<void>;
}

export interface ActiveflowServiceOptions {
  store: ActiveflowStore;
  locks: ActiveflowLocks;
  engine: Engine;
  flows: FlowService;
  events: FlowEvents;
  metrics: FlowMetrics;
  calls: CallControl;
  scheduler: ResumeScheduler;
  background: BackgroundWork;
  settings: ActiveflowSettings;
  logger: Logger;
  /** Told of each run that ended by finishing, a limit or being stopped (Pivot's CDR), after its write. */
  onEnded?: (state: ActiveflowState) => void;
}

/** The copy read from Redis was behind MySQL; read MySQL and decide again. */
class StaleRead extends Error {}

interface Change<R> {
  result: R;
  /** Save the state (a versioned write) and announce it. */
  write: boolean;
  /** The event a write publishes; `null` for none (variables are not in the events). */
  event?: 'activeflow_updated' | 'activeflow_deleted' | null;
  /** Work to start once the lock is released (follow-up flows, resuming after a sleep). */
  after?: () => void;
  /** Thrown to the caller after the state is saved (a limit that ended the activeflow). */
  error?: VoipError;
}

/**
 * Activeflows: their creation and every change to them. Each change runs under the
 * activeflow's lock and ends in one versioned write, so the step is all or nothing:
 * an error before the write (a stale `current_action_id`, a bug, a lost database)
 * leaves the stored activeflow as it was.
 */
export class ActiveflowService {
  constructor(private readonly options: ActiveflowServiceOptions) {}

  async create(body: CreateActiveflowBody, completeCount = 0): Promise<ActiveflowState> {
    const { flows, store, metrics, events, settings } = this.options;
    if (body.flow_id !== undefined && body.actions !== undefined) throw VoipError.invalidArgument('actions', 'give flow_id or actions, not both');
    let accountId = body.account_id;
    let onComplete = body.on_complete_flow_id;
    let webhookUri = body.webhook_uri;
    let flowId = '';
    let actions;
    if (body.flow_id !== undefined) {
      const flow = await flows.findRunnable(body.flow_id);
      // Another account's flow is as absent as a missing one.
      if (!flow || (accountId !== undefined && accountId !== '' && flow.account_id !== '' && flow.account_id !== accountId)) {
        throw VoipError.notFound(`no flow ${body.flow_id}`);
      }
      flowId = flow.id;
      actions = flow.actions;
      accountId ??= flow.account_id;
      onComplete ??= flow.on_complete_flow_id;
      webhookUri ??= flow.webhook_uri === '' ? undefined : flow.webhook_uri;
    } else if (body.actions !== undefined) {
      actions = prepareActions(body.actions, 'actions');
    } else {
      throw VoipError.invalidArgument('flow_id', 'give flow_id or actions');
    }
    let referenceType: string = body.reference_type ?? (body.call_id !== undefined ? 'call' : 'api');
    let referenceId = body.reference_id ?? '';
    if (body.call_id !== undefined) {
      if (body.reference_type !== undefined && body.reference_type !== 'call') throw VoipError.invalidArgument('reference_type', 'call_id makes the reference a call');
      if (body.reference_id !== undefined && body.reference_id !== body.call_id) throw VoipError.invalidArgument('reference_id', 'reference_id and call_id differ');
      referenceType = 'call';
      referenceId = body.call_id;
    }
    const id = body.id ?? randomUUID();
    const variables: Record<string, string> = {};
    const given = Object.fromEntries(Object.entries(body.variables ?? {}).filter(([key]) => !key.startsWith(ACTIVEFLOW_PREFIX)));
    mergeVariables(variables, given, settings.variables);
    const reserved: Record<string, string> = {
      [`${ACTIVEFLOW_PREFIX}id`]: id,
      [`${ACTIVEFLOW_PREFIX}flow_id`]: flowId,
      [`${ACTIVEFLOW_PREFIX}reference_type`]: referenceType,
      [`${ACTIVEFLOW_PREFIX}reference_id`]: referenceId,
      [`${ACTIVEFLOW_PREFIX}reference_activeflow_id`]: body.reference_activeflow_id ?? '',
      [`${ACTIVEFLOW_PREFIX}complete_count`]: String(completeCount),
    };
    if (referenceType === 'call' && variables['voipbin.call.id'] === undefined) reserved['voipbin.call.id'] = referenceId;
    mergeVariables(variables, reserved, settings.variables);
    const state: ActiveflowState = {
      id,
      account_id: accountId ?? '',
      flow_id: flowId,
      status: 'running',
      end_reason: '',
      reference_type: referenceType,
      reference_id: referenceId,
      reference_activeflow_id: body.reference_activeflow_id ?? '',
      on_complete_flow_id: onComplete ?? '',
      webhook_uri: webhookUri ?? '',
      stack_map: { [MAIN_STACK_ID]: { id: MAIN_STACK_ID, actions, return_stack_id: '', return_action_id: '' } },
      current_stack_id: MAIN_STACK_ID,
      current_action: { id: START_ACTION_ID, type: 'start', option: {} },
      forward_stack_id: '',
      forward_action_id: '',
      execute_count: 0,
      complete_count: completeCount,
      variables,
      errors: [],
      version: 1,
      tm_create: now(),
      tm_update: null,
      tm_end: null,
      tm_delete: null,
    };
    try {
      await store.insert(state);
    } catch (error) {
      if (isDuplicateKey(error)) throw VoipError.alreadyExists(`activeflow ${id} already exists`);
      throw error;
    }
    metrics.activeflowsCreated.inc({ reference_type: referenceType });
    events.activeflow('activeflow_created', state);
    return state;
  }

  async get(id: string): Promise<ActiveflowState> {
    const loaded = await this.options.store.load(id, 'cache');
    if (!loaded) throw VoipError.notFound(`no activeflow ${id}`);
    return loaded.state;
  }

  list(filters: ActiveflowFilters, page: Page) {
    return this.options.store.list(filters, page);
  }

  /**
   * Runs the activeflow from the action the caller finished (`currentActionId`) to the
   * next action the call must run, and returns it; the finish marker once it is over.
   */
  async next(id: string, currentActionId: string | undefined, callerDeadline: number | undefined): Promise<WireAction> {
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await this.step(id, currentActionId, 'next', callerDeadline);
    } catch (error) {
      outcome = error instanceof VoipError ? error.reason.toLowerCase() : 'error';
      throw error;
    } finally {
      this.options.metrics.nextLatency.observe([outcome], (performance.now() - started) / 1000);
    }
  }

  /** Runs an activeflow that has no call (an API run, a follow-up flow) in the background. */
  async execute(id: string, currentActionId: string | undefined): Promise<ActiveflowState> {
    const state = await this.get(id);
    if (state.tm_delete !== null) throw VoipError.notFound(`no activeflow ${id}`);
    this.options.background.add(`execute ${id}`, this.step(id, currentActionId, 'execute', undefined));
    return state;
  }

  private async step(id: string, expected: string | undefined, mode: 'next' | 'execute', callerDeadline: number | undefined): Promise<WireAction> {
    const { engine, settings } = this.options;
    const change = await this.update(id, callerDeadline, async (state, source): Promise<Change<WireAction>> => {
      if (state.status === 'ended') return { result: FINISH_ACTION, write: false };
      if (expected !== undefined && expected !== state.current_action.id) {
        if (source === 'cache') throw new StaleRead();
        // A resume that arrives after something else moved the run has nothing to do.
        if (mode === 'execute') return { result: FINISH_ACTION, write: false };
        throw new VoipError({
          status: 'FAILED_PRECONDITION',
          reason: 'STALE_ACTION',
          message: `activeflow ${id} is at action ${state.current_action.id}, not ${expected}`,
          details: { current_action_id: state.current_action.id },
        });
      }
      // Once started, a step finishes even if its caller stops waiting: redoing its
      // fetches on every retry could keep a slow server from ever getting through.
      const outcome = await engine.run(state, mode, Date.now() + settings.stepTimeoutMs);
      switch (outcome.kind) {
        case 'media':
          return { result: outcome.action, write: true };
        case 'finish':
          this.end(state, outcome.reason);
          return { result: FINISH_ACTION, write: true, after: () => this.followUp(state) };
        case 'wait': {
          const at = state.current_action.id;
          return { result: FINISH_ACTION, write: true, after: () => this.options.background.add(`resume ${id}`, this.options.scheduler.resumeLater(id, at, outcome.delayMs)) };
        }
        case 'limit':
          this.end(state, `${outcome.limit}_limit`);
          return { result: FINISH_ACTION, write: true, after: () => this.options.onEnded?.(state), error: VoipError.exhausted(`activeflow ${id} ended: ${outcome.message}`, `${outcome.limit.toUpperCase()}_LIMIT`) };
      }
      // A step may start from the state this replica saved last: whatever it decides
      // without writing holds against a newer state too (ended stays ended, a mismatch is
      // read again from MySQL), and a write over a stale copy is refused by its version.
    }, true);
    return change.result;
  }

  async stop(id: string, deadline: number | undefined): Promise<ActiveflowState> {
    const change = await this.update(id, deadline, async (state): Promise<Change<ActiveflowState>> => {
      if (state.status === 'ended') return { result: state, write: false };
      this.end(state, 'stopped');
      return { result: state, write: true, after: () => this.followUp(state) };
    });
    return change.result;
  }

  /** Stops the activeflow if it runs (without its follow-up flow), then soft-deletes it. */
  async delete(id: string, deadline: number | undefined): Promise<ActiveflowState> {
    const change = await this.update(id, deadline, async (state): Promise<Change<ActiveflowState>> => {
      if (state.status === 'running') this.end(state, 'deleted');
      state.tm_delete = now();
      return { result: state, write: true, event: 'activeflow_deleted' };
    });
    return change.result;
  }

  async forward(id: string, targetId: string, forwardNow: boolean, deadline: number | undefined): Promise<ActiveflowState> {
    const change = await this.update(id, deadline, async (state): Promise<Change<ActiveflowState>> => {
      requireRunning(state);
      const target = locateAnywhere(state, targetId);
      if (!target) throw VoipError.invalidArgument('forward_action_id', `activeflow ${id} has no action ${targetId}`);
      state.forward_stack_id = target.stackId;
      state.forward_action_id = targetId;
      const after = forwardNow && state.reference_type === 'call' ? () => this.options.background.add(`action-next ${state.reference_id}`, this.options.calls.actionNext(state.reference_id, true)) : undefined;
      return { result: state, write: true, ...(after ? { after } : {}) };
    });
    return change.result;
  }

  async push(id: string, drafts: ActionDraft[], deadline: number | undefined): Promise<ActiveflowState> {
    const { settings, metrics } = this.options;
    const change = await this.update(id, deadline, async (state): Promise<Change<ActiveflowState>> => {
      requireRunning(state);
      const actions = prepareActions(drafts, 'actions', knownActionIds(state));
      try {
        pushStack(state, randomUUID(), actions, settings.maxStackDepth);
      } catch (error) {
        if (error instanceof VoipError && error.reason === 'STACK_DEPTH_LIMIT') metrics.limitsHit.inc({ limit: 'stack_depth' });
        throw error;
      }
      return { result: state, write: true };
    });
    return change.result;
  }

  async variables(id: string): Promise<Record<string, string>> {
    return (await this.get(id)).variables;
  }

  async setVariables(id: string, variables: Record<string, string>, deadline: number | undefined): Promise<Record<string, string>> {
    const change = await this.update(id, deadline, async (state): Promise<Change<Record<string, string>>> => {
      mergeVariables(state.variables, variables, this.options.settings.variables);
      return { result: state.variables, write: true, event: null };
    });
    return change.result;
  }

  async deleteVariable(id: string, key: string, deadline: number | undefined): Promise<Record<string, string>> {
    const change = await this.update(id, deadline, async (state): Promise<Change<Record<string, string>>> => {
      if (!(key in state.variables)) return { result: state.variables, write: false };
      delete state.variables[key];
      return { result: state.variables, write: true, event: null };
    });
    return change.result;
  }

  /**
   * Loads, changes and saves one activeflow under its lock. A copy from Redis (or, with
   * `fromRecent`, the one this replica saved last) that turns out stale, or a write that
   * lost to another writer, is retried once from MySQL.
   */
  private async update<R>(
    id: string,
    deadline: number | undefined,
    change: (state: ActiveflowState, source: LoadSource) => Promise<Change<R>>,
    fromRecent = false,
  ): Promise<Change<R>> {
    const { locks, store, events } = this.options;
    const done = await locks.run(
      id,
      deadline,
      async (peeked, release) => {
        for (let attempt = 0; ; attempt++) {
          const loaded = await store.load(id, attempt === 0 ? 'cache' : 'database', attempt === 0 ? peeked : undefined);
          if (!loaded || loaded.state.tm_delete !== null) throw VoipError.notFound(`no activeflow ${id}`);
          const { state, source } = loaded;
          const version = state.version;
          const columns = columnsOf(state);
          let result: Change<R>;
          try {
            result = await change(state, source);
          } catch (error) {
            if (error instanceof StaleRead && attempt === 0) continue;
            throw error;
          }
          if (result.write) {
            try {
              await store.save(state, version, columnsOf(state) === columns, release);
            } catch (error) {
              if (error instanceof VersionConflict) {
                if (attempt === 0) continue;
                throw VoipError.conflict(`activeflow ${id} changed while this request worked on it; try again`, 'CONCURRENT_UPDATE');
              }
              throw error;
            }
            if (result.event !== null) events.activeflow(result.event ?? 'activeflow_updated', state);
          }
          return result;
        }
      },
      () => store.peek(id, fromRecent),
    );
    done.after?.();
    if (done.error) throw done.error;
    return done;
  }

  private end(state: ActiveflowState, reason: string): void {
    state.status = 'ended';
    state.end_reason = reason;
    state.tm_end = now();
    state.forward_action_id = '';
    state.forward_stack_id = '';
    this.options.metrics.activeflowsEnded.inc({ reason });
  }

  /** Tells `onEnded`, then starts the flow's `on_complete_flow_id` with the variables carried over, up to the chain limit. */
  private followUp(ended: ActiveflowState): void {
    const { settings, metrics, logger, background } = this.options;
    this.options.onEnded?.(ended);
    if (ended.on_complete_flow_id === '') return;
    if (ended.complete_count >= settings.maxCompleteChain) {
      metrics.limitsHit.inc({ limit: 'complete_chain' });
      logger.warn({ activeflow_id: ended.id, account_id: ended.account_id, limit: settings.maxCompleteChain }, 'follow-up flow not started: the chain is at its limit (-max_complete_chain)');
      return;
    }
    const variables = Object.fromEntries(Object.entries(ended.variables).filter(([key]) => !key.startsWith(ACTIVEFLOW_PREFIX)));
    background.add(
      `follow-up of ${ended.id}`,
      (async () => {
        const next = await this.create(
          {
            flow_id: ended.on_complete_flow_id,
            account_id: ended.account_id,
            reference_type: ended.reference_type as CreateActiveflowBody['reference_type'] & string,
            reference_id: ended.reference_id,
            reference_activeflow_id: ended.id,
            variables,
          },
          ended.complete_count + 1,
        );
        await this.step(next.id, undefined, 'execute', undefined);
      })(),
    );
  }
}

/** The columns beside the state document, as one string to compare before and after a change. */
function columnsOf(state: ActiveflowState): string {
  return `${state.status}\u0000${state.flow_id}\u0000${state.tm_update}\u0000${state.tm_end}\u0000${state.tm_delete}`;
}

function requireRunning(state: ActiveflowState): void {
  if (state.status !== 'running') throw VoipError.conflict(`activeflow ${state.id} has ended`, 'ACTIVEFLOW_ENDED');
}
