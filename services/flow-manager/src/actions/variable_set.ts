import { CONTINUE, type ActionHandler } from './types.js';

/** `variable_set`: sets a variable to its (substituted) value. */
export const variableSet: ActionHandler<'variable_set'> = {
  async run(context) {
    context.setVariable(context.action.option.key, context.action.option.value);
    return CONTINUE;
  },
};
