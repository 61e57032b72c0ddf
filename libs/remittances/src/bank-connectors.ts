import { type BankConnector, type BankFileFormat, inboundTopics } from '@ereceipt/contracts';
import { swiftMtConnector } from '@connectors/swift-mt';
import { iso20022Connector } from '@connectors/iso20022';
import { bankCsvConnector } from '@connectors/bank-csv';

export const bankConnectors: Record<BankFileFormat, BankConnector> = {
  mt103: swiftMtConnector,
  camt054: iso20022Connector,
  csv: bankCsvConnector,
};

export const bankTopicFormats: Record<string, BankFileFormat> = {
  [inboundTopics.bankMt103]: 'mt103',
  [inboundTopics.bankCamt054]: 'camt054',
  [inboundTopics.bankCsv]: 'csv',
};

/** `--format` guessing: the first connector whose detector recognises the head of the input. */
export function guessFormat(head: string): BankFileFormat | null {
  for (const format of ['mt103', 'camt054', 'csv'] as const) if (bankConnectors[format].detect(head)) return format;
  return null;
}
