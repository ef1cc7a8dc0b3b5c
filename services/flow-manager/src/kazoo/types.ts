import type { ActionType, CallflowModule } from '../contract.js';

/** An action as a module emits it; `next_id` is filled in as the tree is linked. */
export interface EmittedAction {
  id: string;
  next_id?: string;
  type: ActionType;
  option: Record<string, unknown>;
}

/** What a module compiler sees of the node it compiles. */
export interface ModuleContext {
  /** Where the node sits in the request, e.g. `flow.children._`, for error fields. */
  readonly path: string;
  readonly data: Record<string, unknown>;
  /** The keys of the node's children. */
  readonly childKeys: string[];
  /** Appends an action (its option is validated now); the first one emitted is the module's entry. */
  emit(type: ActionType, option: Record<string, unknown>): EmittedAction;
  /** The entry of `children[key]`, when the node has that child. */
  child(key: string): string | undefined;
  /** Where the flow goes when the module is done: the `_` child, else the end (the call is hung up). */
  next(): string;
  /** A 400 naming `data.<field>` of this node. */
  invalid(field: string, message: string): never;
}

export interface ModuleCompiler {
  /**
   * True when the module chooses among its children itself (menu, temporal_route).
   * Otherwise the compiler follows `_`, or, when other children exist, branches on
   * `resultVariable` (default `voipbin.action.result`, which the media layer sets).
   */
  readonly routesChildren: boolean;
  readonly resultVariable?: string;
  /** Emits the module's actions and returns the last one, whose continuation the compiler links. */
  compile(context: ModuleContext): EmittedAction | undefined;
}

/**
 * One compiler per module of the catalog (`@voxmesh/contracts`' callflow modules): a
 * catalog entry without its compiler, or a compiler for a module the catalog lacks,
 * does not build.
 */
export type ModuleCompilers = { [M in CallflowModule]: ModuleCompiler };
