export { parseErpOrder, describeErpIssue } from './parse-erp-order';
export { MAX_INPUT_BYTES } from './decode-input';
export {
  erpOrderIssueCodes,
  type ErpOrder,
  type ErpOrderIssue,
  type ErpOrderIssueCode,
  type ErpOrderLine,
  type ErpOrderMessage,
  type ErpOrderMilestone,
  type ErpOrderParseResult,
} from './erp-order-message';
