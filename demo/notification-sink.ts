import * as fs from 'fs';
import * as http from 'http';
import { SMTPServer } from 'smtp-server';

/** One request Alertmanager sent to a stand-in integration. */
export interface Notification {
  /** `pagerduty`, `slack` or `webhook` (the path's first segment), or `email`. */
  readonly kind: string;
  /** The rest of the path: the receiver (PagerDuty, webhook) or the secret's name (Slack); an email's recipient. */
  readonly to: string;
  readonly receivedAt: string;
  readonly body: unknown;
}

/**
 * Stands in for PagerDuty's Events API, Slack's incoming webhooks and plain
 * webhooks: accepts each as the real service would (202 for PagerDuty, `ok`
 * for Slack, 200 for webhooks) and records it; `GET /notifications` lists them.
 */
export function notificationSink(): { server: http.Server; notifications: Notification[] } {
  const notifications: Notification[] = [];
  const server = http.createServer((req, res) => {
    const [kind = '', ...rest] = (req.url ?? '/').split('?')[0].split('/').filter(Boolean);
    if (req.method === 'GET' && kind === 'notifications') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(notifications, null, 2));
      return;
    }
    if (req.method !== 'POST' || !['pagerduty', 'slack', 'webhook'].includes(kind)) {
      res.writeHead(404).end();
      return;
    }
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // recorded as text
      }
      notifications.push({ kind, to: rest.join('/'), receivedAt: new Date().toISOString(), body });
      if (kind === 'pagerduty') res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', message: 'Event processed' }));
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return { server, notifications };
}

/**
 * Stands in for the mail relay: an SMTP server offering STARTTLS with the
 * demo's certificate (Alertmanager requires TLS and authenticates after it),
 * taking any credentials; each mail is recorded as an `email` notification
 * to its recipients, with its subject and text.
 */
export function smtpSink(notifications: Notification[], certificate: { certFile: string; keyFile: string }): SMTPServer {
  return new SMTPServer({
    key: fs.readFileSync(certificate.keyFile),
    cert: fs.readFileSync(certificate.certFile),
    authOptional: true,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'stand-in' }),
    onData: (stream, session, callback) => {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        const [head] = raw.split(/\r?\n\r?\n/);
        const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? '';
        for (const rcpt of session.envelope.rcptTo) notifications.push({ kind: 'email', to: rcpt.address, receivedAt: new Date().toISOString(), body: { subject, raw } });
        callback();
      });
    },
  });
}
