export { iso20022Connector } from './iso20022-connector';
export { parseCamt } from './parse-camt';
export { camtIrregularityCodes, camtIssueCodes, type CamtIrregularityCode, type CamtIssueCode } from './issues';
export { MAX_INPUT_BYTES } from './input-guards';
