import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localKafka, propertyValue, renderServerProperties } from './kafka-local';

/** Java .properties as the broker reads them: the last occurrence of a key wins. */
function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line.trim() || /^\s*[#!]/.test(line)) continue;
    const at = line.indexOf('=');
    out.set(line.slice(0, at).trim(), line.slice(at + 1).trim().replace(/\\(.)/g, '$1'));
  }
  return out;
}

describe('local Kafka configuration', () => {
  const template = readFileSync(join(__dirname, '..', 'kafka', 'server.properties'), 'utf8');

  it('is the checked-in server.properties plus the lines of the instance (ports, data folder)', () => {
    const instance = localKafka({ home: '/tmp/kafka two', port: 19092, controllerPort: 19093 });
    const props = parseProperties(renderServerProperties(instance, template));
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('auto.create.topics.enable')).toBe('false');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(props.get('advertised.listeners')).toBe(props.get('listeners'));
    expect(props.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:19093');
    expect(props.get('log.dirs')).toBe('/tmp/kafka two/data');
  });

  it('leaves the instance keys to the generated lines, so the file cannot contradict them', () => {
    const keys = [...parseProperties(template).keys()];
    for (const key of ['node.id', 'listeners', 'advertised.listeners', 'log.dirs', 'controller.quorum.bootstrap.servers']) expect(keys).not.toContain(key);
  });

  it('escapes what .properties treats specially in values', () => {
    expect(propertyValue('C:\\kafka=data#1')).toBe(process.platform === 'win32' ? 'C\\:/kafka\\=data\\#1' : 'C\\:\\\\kafka\\=data\\#1');
  });
});
