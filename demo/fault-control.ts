import * as http from 'http';
import { ServedBy, firingTraffic } from '../lib/local';
import { RulePack, packAlerts } from '../lib/prometheus';
import { Plan } from '../lib/testing/generate';
import { DemoServers } from './demo-server';
import { ActiveFault, FaultName, faultAction } from './faults';
import { LiveSeries } from './live-series';
import { ServerControl } from './server-control';

/**
 * The faults in force: each bends the live series, fails a probe or stops a
 * job's targets, over the healthy traffic; `clear()` restores it (counters
 * keep their totals, so no reset is seen).
 */
export class FaultControl {
  private readonly faults: ActiveFault[] = [];

  constructor(
    private readonly healthy: Plan,
    private readonly live: LiveSeries,
    private readonly demo: DemoServers,
    private readonly packs: readonly RulePack[],
    private readonly served: ServedBy,
    private readonly probedPaths: (job: string) => readonly string[],
    private readonly servers?: ServerControl,
  ) {}

  /** Resolves once every server a fault stops is stopped, and every other one runs. */
  settled: Promise<void> = Promise.resolve();

  get active(): readonly ActiveFault[] {
    return this.faults;
  }

  /** Adds a fault; a bad system, fault or value throws the message to show. */
  inject(system: string, fault: string, value?: number): void {
    const action = faultAction(system, fault);
    if ('alert' in action) this.planFor(action.alert, value);
    else if (value !== undefined) throw new Error(`${system} ${fault} takes no value`);
    if ('stopServer' in action && !this.servers) throw new Error(`${system} ${fault} needs the real servers of a local run`);
    this.faults.push({ system, fault: fault as FaultName, ...(value !== undefined ? { value } : {}) });
    this.refresh();
  }

  clear(): void {
    this.faults.length = 0;
    this.refresh();
  }

  /** Lifts one fault (every instance of it), keeping the others. */
  lift(system: string, fault: string): void {
    faultAction(system, fault);
    const kept = this.faults.filter((f) => !(f.system === system && f.fault === fault));
    this.faults.splice(0, this.faults.length, ...kept);
    this.refresh();
  }

  private planFor(alertName: string, value?: number): Plan {
    const alert = this.packs.flatMap(packAlerts).find((a) => a.name === alertName);
    if (!alert) throw new Error(`the fault's alert ${alertName} is not deployed here`);
    const traffic = firingTraffic(alert, this.served, value);
    if (!traffic.plan.size) throw new Error(`the demo cannot make ${alertName} fire${traffic.unplanned.length ? `: ${traffic.unplanned.map((u) => u.reason).join('; ')}` : ''}`);
    return traffic.plan;
  }

  private refresh(): void {
    const plan = new Map(this.healthy);
    const stoppedServers = new Set<string>();
    this.demo.probeStatus.clear();
    this.demo.stoppedJobs.clear();
    for (const f of this.faults) {
      const action = faultAction(f.system, f.fault);
      if ('alert' in action) for (const [key, series] of this.planFor(action.alert, f.value)) plan.set(key, series);
      else if ('failProbe' in action) for (const p of this.probedPaths(action.failProbe)) this.demo.probeStatus.set(`${action.failProbe}${p}`, 503);
      else if ('stopServer' in action) stoppedServers.add(action.stopServer);
      else this.demo.stoppedJobs.add(action.stopJob);
    }
    this.live.set(plan);
    if (this.servers) {
      this.settled = this.servers.setStopped(stoppedServers);
      // Reported by whoever waits on it (the control endpoint); never an unhandled rejection.
      this.settled.catch(() => undefined);
    }
  }
}

/** `GET /faults` lists them, `POST /faults` {system, fault, value?} adds one, `DELETE /faults` clears (`?system=…&fault=…`: that one). */
export function faultControlServer(control: FaultControl): http.Server {
  return http.createServer((req, res): void => {
    const reply = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
    // Answered once a stopped or restarted server is down or ready: `npm run fault` returns when it holds.
    const replyWhenSettled = (): void => void control.settled.then(() => reply(200, control.active), (error: Error) => reply(500, { error: error.message }));
    const url = new URL(req.url ?? '/', 'http://demo');
    if (url.pathname !== '/faults') return reply(404, { error: 'the control endpoint is /faults' });
    if (req.method === 'GET') return reply(200, control.active);
    if (req.method === 'DELETE') {
      const [system, fault] = [url.searchParams.get('system'), url.searchParams.get('fault')];
      try {
        if (system && fault) control.lift(system, fault);
        else control.clear();
        return replyWhenSettled();
      } catch (error) {
        return reply(400, { error: (error as Error).message });
      }
    }
    if (req.method !== 'POST') return reply(405, { error: 'GET, POST or DELETE /faults' });
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      try {
        const { system, fault, value } = JSON.parse(text || '{}') as { system?: string; fault?: string; value?: number };
        if (value !== undefined && !Number.isFinite(value)) throw new Error(`value ${JSON.stringify(value)} is not a number`);
        control.inject(String(system), String(fault), value);
        replyWhenSettled();
      } catch (error) {
        reply(400, { error: (error as Error).message });
      }
    });
  });
}
