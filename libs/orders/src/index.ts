export * from './order-draft.rules';
export * from './order-edit.rules';
export * from './order-input.rules';
export * from './order-number.rules';
export * from './order-state.rules';
export * from './order-status.rules';
