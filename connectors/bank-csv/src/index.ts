export { bankCsvConnector } from './bank-csv.connector';
export { parseCsvStream, MAX_FIELDS } from './parse-csv-stream';
export { loadProfile, csvProfileNames, type ProfileResult } from './profiles';
export { csvProfileSchema, columnFields, type CsvProfile, type ColumnField } from './csv-profile.schema';
export { csvIssueCodes, type CsvEvent, type CsvIssue, type CsvIssueCode } from './csv-issues';
export { parseDate, isValidDateFormat } from './date-format';
export { parseDecimal, type NumberFormat } from './decimal-format';
export { resolveAmount } from './sign-model';
export { MAX_ROW_CHARS } from './csv-records';
