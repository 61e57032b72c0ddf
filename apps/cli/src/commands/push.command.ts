import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import type { Producer } from 'kafkajs';
import { loadConfig } from '@ereceipt/config';
import { type BankFileFormat, bankFileFormats, inboundTopics } from '@ereceipt/contracts';
import { KafkaAdapter } from '@ereceipt/messaging';
import { guessFormat, splitBankFile } from '@ereceipt/remittances';

interface PushOptions {
  format?: BankFileFormat;
  profile?: string;
  key?: string;
}

const topics: Record<BankFileFormat, string> = { mt103: inboundTopics.bankMt103, camt054: inboundTopics.bankCamt054, csv: inboundTopics.bankCsv };
const PROGRESS_OVER = 1024 * 1024;

/** One file onto its inbound topic; a large MT or CSV file in chunks of whole messages or rows. */
async function pushFile(producer: Producer, file: string, opts: PushOptions): Promise<void> {
  const bytes = readFileSync(file);
  const format = opts.format ?? guessFormat(bytes.subarray(0, 4096).toString('latin1'));
  if (!format) throw new Error(`${file}: cannot tell the format from the content; pass --format ${bankFileFormats.join('|')}`);
  const split = splitBankFile(bytes, format, { profile: opts.profile });
  if (!split.ok) throw new Error(`${file}: ${split.reason}`);
  const topic = topics[format];
  const headers: Record<string, string> = { 'file-name': basename(file), ...(format === 'csv' && opts.profile ? { 'csv-profile': opts.profile } : {}) };
  const key = opts.key ?? basename(file);
  const bar = process.stdout.isTTY && bytes.length > PROGRESS_OVER ? new SingleBar({ format: `${basename(file)} [{bar}] {value}/{total} chunk(s)` }, Presets.shades_classic) : null;
  bar?.start(split.chunks.length, 0);
  for (const [i, chunk] of split.chunks.entries()) {
    const chunkHeaders = split.chunks.length > 1 ? { ...headers, 'chunk-index': String(i), 'chunk-count': String(split.chunks.length) } : headers;
    await KafkaAdapter.send(producer, [{ topic, messages: [{ key, value: chunk, headers: chunkHeaders }] }]);
    bar?.increment();
  }
  bar?.stop();
  process.stdout.write(`${file}: ${split.chunks.length} message(s) sent to ${topic}\n`);
}

/** `ereceipt push FILE [...]`: bank files onto their inbound topics, as a bank connector would. */
export function registerPush(program: Command): void {
  program
    .command('push')
    .description('send bank files onto their inbound topics (bank.remittance.mt103|camt054|csv)')
    .argument('<files...>', 'MT103 FIN files, camt.054/053 XML documents or bank CSVs')
    .addOption(new Option('--format <format>', 'the format of every file; guessed from each file when absent').choices([...bankFileFormats]))
    .option('--profile <name>', 'CSV bank profile, sent as the csv-profile header (default: generic)')
    .option('--key <key>', 'the Kafka key (default: the file name)')
    .action(async (files: string[], opts: PushOptions) => {
      const config = loadConfig();
      const producer = await new KafkaAdapter({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-push` }).connectProducer();
      let failed = 0;
      try {
        for (const file of files) {
          try {
            await pushFile(producer, file, opts);
          } catch (e) {
            failed += 1;
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
          }
        }
      } finally {
        await producer.disconnect();
      }
      if (failed > 0) process.exitCode = 1;
    });
}
