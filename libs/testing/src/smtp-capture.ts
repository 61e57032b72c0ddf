import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the test process (smtp-server), keeping every mail parsed (mailparser).
 * `rejectNext` answers the next n mails with 451 (greylisting), to prove retries.
 */
export class SmtpCapture {
  readonly mails: ParsedMail[] = [];
  rejectNext = 0;

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<SmtpCapture> {
    let capture: SmtpCapture | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            if (capture && capture.rejectNext > 0) {
              capture.rejectNext--;
              return callback(Object.assign(new Error('greylisted, try again later'), { responseCode: 451 }));
            }
            capture?.mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    capture = new SmtpCapture(server);
    return capture;
  }

  /** `smtp://127.0.0.1:<port>`, for the hub's SMTP_URL. */
  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The mails to `address` (first recipient), optionally whose subject matches. */
  to(address: string, subject?: RegExp): ParsedMail[] {
    return this.mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address && (!subject || subject.test(m.subject ?? '')));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
