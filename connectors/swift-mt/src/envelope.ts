/** What the FIN envelope (blocks 1, 2, 3, 5) tells the block 4 mapping. */
export interface Envelope {
  /** BIC11 of the sender: block 1 LT for input messages, the MIR's LT for output ones; null when headerless. */
  senderBic: string | null;
  uetr: string | null;
  /** Block 3 tag 119. */
  validationFlag: string | null;
  possibleDuplicate: boolean;
  /** Output date of an output block 2 (YYMMDD), the message's own date; null for input or headerless messages. */
  messageDate: string | null;
}

/** A message either maps to a remittance, is read but skipped (a return, a NAK), or fails (issues in the sink). */
export type MappingResult<T> = { kind: 'remittance'; value: T } | { kind: 'skipped'; reason: string } | { kind: 'failed' };
